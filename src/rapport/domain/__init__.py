"""rapport's pure core: the rules of keeping in touch, with no database, web or command-line code."""
