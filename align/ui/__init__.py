"""The review app's pages, widgets and session state (Streamlit)."""
