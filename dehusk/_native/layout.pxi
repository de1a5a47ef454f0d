# The import-time check that the tree is laid out as the vendored headers say. Included
# last by walk.pyx.

#: The selectolax release whose lexbor the vendored headers describe.
SELECTOLAX = "1.0.2"


def check_layout():
    """Raise ImportError unless the installed selectolax lays lexbor's tree out as the
    headers compiled in say (its release first: a wrong layout would not fail cleanly)."""
    import selectolax
    from selectolax.lexbor import LexborHTMLParser

    if selectolax.__version__ != SELECTOLAX:
        raise ImportError(
            f"dehusk's native walk reads selectolax {SELECTOLAX}'s tree; "
            f"selectolax {selectolax.__version__} is installed"
        )
    tree = LexborHTMLParser('<div id="S:1" class="a b" aria-hidden="true">x<a href="/h">y</a></div>')
    div = tree.css_first("div")
    cdef lxb_dom_node_t *node = <lxb_dom_node_t *> <uintptr_t> div.mem_id
    cdef lxb_dom_element_t *el = <lxb_dom_element_t *> node
    ok = (
        node.type == LXB_DOM_NODE_TYPE_ELEMENT
        and node.local_name == div.tag_id == TAG_IDS["div"]
        and _str(_value(el.attr_id)) == "S:1"
        and _str(_value(el.attr_class)) == "a b"
        and _attr_named(el, "aria-hidden", 11) != NULL
        and node.first_child.type == LXB_DOM_NODE_TYPE_TEXT
        and _str(&(<lxb_dom_character_data_t *> node.first_child).data) == "x"
        and node.first_child.next.local_name == LXB_TAG_A
        and _str(_value(_attr(<lxb_dom_element_t *> node.first_child.next, LXB_DOM_ATTR_HREF))) == "/h"
        and node.parent.local_name == LXB_TAG_BODY
    )
    if not ok:
        raise ImportError("lexbor's tree is not laid out as dehusk's native walk was built for")


check_layout()
