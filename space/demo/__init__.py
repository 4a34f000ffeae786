"""The clip-to-explanation demo: decode → visual, acoustic and lexical clues → EMER-style explanation and labels."""
