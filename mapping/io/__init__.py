"""Readers and writers of trip files, one module per format."""
