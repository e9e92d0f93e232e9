"""Qt-free sync to the district: the v1 wire protocol, the uploader and a reference receiver."""
