"""EMER Hub: the Gradio Space that scores, stores and displays EMER submissions."""
