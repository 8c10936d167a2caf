"""The Streamlit side of SIAGA that is not a page: shared helpers and parts of pages."""
