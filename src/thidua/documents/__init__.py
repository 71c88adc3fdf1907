"""Official documents (.docx) in the layout of Nghị định 30/2020/NĐ-CP.

The app renders the plain data it is handed and imports no domain app: campaigns, awards and
reports build the data, this app lays it out.
"""
