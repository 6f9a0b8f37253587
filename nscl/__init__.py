"""NSCL — the provincial system for Program 1322 on productivity and quality."""
