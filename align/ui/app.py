"""saikes review app (Streamlit): `saikes ui`, or `streamlit run app.py` from a checkout."""
from align.ui.main import run

run()
