"""What the tests of links and attached files check again and again: a download, and a PDF's live links."""


def assert_safe_download(response, data, file_name, content_type="application/pdf"):
    """The response hands out `data` as a download named `file_name`, of its real type, never sniffed."""
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{file_name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def link_targets(pdf_reader):
    """The addresses of every live link of a PDF read with pypdf."""
    return {
        annotation.get_object()["/A"]["/URI"]
        for page in pdf_reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    }
