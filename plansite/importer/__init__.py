"""Import a plan document (DOCX, ODT or PDF with a text layer) as a YAML draft in the plan format.

Readers turn a document into neutral blocks (paragraphs and table rows);
`structure` turns those into plan data; `draft_yaml` writes the draft.
"""
