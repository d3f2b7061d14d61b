"""The Streamlit app's pieces: session state, sidebar, map view, panels, tables and charts."""
