"""The Gradio user interface: customer chat, staff console and login."""
