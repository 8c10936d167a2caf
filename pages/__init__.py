"""Streamlit pages of SIAGA; each file is one screen."""
