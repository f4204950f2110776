"""User interfaces: the command line and the Gradio web page, thin shells over ``search``."""
