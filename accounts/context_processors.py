"""Template context every page needs: the classification banner."""

from cables.clearance import page_marking


def banner(request):
    return {"page_marking": lambda: page_marking(request)}
