"""Load benchmark of the Streamlit app: many viewers at once, without a browser.

``python -m loadtest`` (see ``loadtest/__main__.py``). Lives outside ``analytics/``,
which never imports streamlit; this package speaks Streamlit's websocket protocol.
"""
