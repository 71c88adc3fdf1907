"""Reading an existing plan (Kế hoạch) into a draft campaign.

Officials have their plans as .docx, .pdf or text on a portal. `extract` turns a file into
plain text; `document` finds its parts (headings I., 1., 1.1., a), bullets -, +; sentences),
each with its character span; the `fields_*` modules read one group of fields each, every
value with the span of the sentence it came from; `reader.read_plan` runs them all and returns
a `Draft`: the campaign package's `campaign`, `blocks` and `scheme` parts, where each value
came from, and what was not found. Deterministic and explainable: rules on the forms of
Vietnamese administrative text, no model, nothing guessed silently.
"""
