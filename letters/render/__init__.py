"""Output backends: the same letter or guide as HTML, PDF, plain text or e-mail."""
