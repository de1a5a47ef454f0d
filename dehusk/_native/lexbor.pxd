# Declarations of the parts of lexbor's DOM the native walk reads: struct fields only (the
# layout comes from the vendored headers in vendor/, lexbor 3.1.0 as selectolax 1.0.2 builds
# it), the tag and attribute ids, their static name tables and one inline helper. No lexbor
# function is called, so nothing links against lexbor: the tree is selectolax's, read in place.

from libc.stdint cimport uintptr_t


cdef extern from "lexbor/core/str.h":
    ctypedef unsigned char lxb_char_t
    ctypedef struct lexbor_str_t:
        lxb_char_t *data
        size_t length


cdef extern from "lexbor/core/hash.h" nogil:
    ctypedef struct lexbor_hash_entry_t:
        size_t length
    lxb_char_t *lexbor_hash_entry_str(const lexbor_hash_entry_t *entry)


cdef extern from "lexbor/dom/interfaces/document.h":
    ctypedef enum lxb_dom_document_cmode_t:
        LXB_DOM_DOCUMENT_CMODE_QUIRKS
    ctypedef struct lxb_dom_document_t:
        lxb_dom_document_cmode_t compat_mode


cdef extern from "lexbor/dom/interfaces/node.h":
    ctypedef enum lxb_dom_node_type_t:
        LXB_DOM_NODE_TYPE_ELEMENT
        LXB_DOM_NODE_TYPE_TEXT
    cdef struct lxb_dom_node:
        uintptr_t local_name
        uintptr_t ns
        lxb_dom_node *next
        lxb_dom_node *parent
        lxb_dom_node *first_child
        lxb_dom_node_type_t type
        lxb_dom_document_t *owner_document
    ctypedef lxb_dom_node lxb_dom_node_t


cdef extern from "lexbor/dom/interfaces/attr.h":
    ctypedef uintptr_t lxb_dom_attr_id_t
    cdef struct lxb_dom_attr:
        lxb_dom_node_t node
        lexbor_str_t *value
        lxb_dom_attr *next
    ctypedef lxb_dom_attr lxb_dom_attr_t
    ctypedef struct lxb_dom_attr_data_t:
        lexbor_hash_entry_t entry


cdef extern from "lexbor/dom/interfaces/element.h":
    ctypedef struct lxb_dom_element_t:
        lxb_dom_node_t node
        lxb_dom_attr_t *first_attr
        lxb_dom_attr_t *attr_id
        lxb_dom_attr_t *attr_class


cdef extern from "lexbor/dom/interfaces/character_data.h":
    ctypedef struct lxb_dom_character_data_t:
        lxb_dom_node_t node
        lexbor_str_t data


cdef extern from "lexbor/dom/interfaces/attr_const.h":
    enum:
        LXB_DOM_ATTR__LAST_ENTRY
        LXB_DOM_ATTR_ALT
        LXB_DOM_ATTR_CLASS
        LXB_DOM_ATTR_CONTENT
        LXB_DOM_ATTR_HEIGHT
        LXB_DOM_ATTR_HREF
        LXB_DOM_ATTR_ID
        LXB_DOM_ATTR_LANG
        LXB_DOM_ATTR_NAME
        LXB_DOM_ATTR_REL
        LXB_DOM_ATTR_SRC
        LXB_DOM_ATTR_STYLE
        LXB_DOM_ATTR_TYPE
        LXB_DOM_ATTR_WIDTH


cdef extern from "lexbor/tag/const.h":
    enum:
        LXB_TAG__TEXT
        LXB_TAG__LAST_ENTRY
        LXB_TAG_A
        LXB_TAG_BASE
        LXB_TAG_BODY
        LXB_TAG_BLOCKQUOTE
        LXB_TAG_BR
        LXB_TAG_DD
        LXB_TAG_DT
        LXB_TAG_FIGCAPTION
        LXB_TAG_FIGURE
        LXB_TAG_H1
        LXB_TAG_H2
        LXB_TAG_HEAD
        LXB_TAG_HTML
        LXB_TAG_IMG
        LXB_TAG_LI
        LXB_TAG_LINK
        LXB_TAG_META
        LXB_TAG_NOSCRIPT
        LXB_TAG_OL
        LXB_TAG_PRE
        LXB_TAG_SCRIPT
        LXB_TAG_TABLE
        LXB_TAG_TD
        LXB_TAG_TH
        LXB_TAG_TIME
        LXB_TAG_TITLE
        LXB_TAG_TR
        LXB_TAG_UL


cdef extern from "lexbor/tag/tag.h":
    ctypedef struct lxb_tag_data_t:
        lexbor_hash_entry_t entry


# The names of the ids lexbor knows at compile time (static tables in these headers); an id
# past __LAST_ENTRY is the address of the document's own entry for that name.
cdef extern from "lexbor/tag/res.h":
    const lxb_tag_data_t lxb_tag_res_data_default[]


cdef extern from "lexbor/dom/interfaces/attr_res.h":
    const lxb_dom_attr_data_t lxb_dom_attr_res_data_default[]
