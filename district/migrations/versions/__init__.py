"""One module per revision, oldest first: 0001 is the schema of the receiver before migrations."""
