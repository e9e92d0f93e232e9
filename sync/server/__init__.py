"""The district's reference receiver (optional extra ``[server]``): FastAPI + SQLAlchemy Core."""
