"""The attached files of a plan file: written beside the JSON, read back and checked on import.

A plan file names each attached file by its SHA-256 checksum, size and name;
the bytes travel beside it, in an `attachments/` folder next to the JSON file,
one file per checksum (docs/plan-format.md). On import every file must be
there, with the checksum and size the plan file gives and a content KIBS
accepts, before anything is created: all or nothing. Copies of a plan inside
KIBS (revision, next year) read the bytes from the storage instead.
"""

from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from documents.planfile_validation import Problem, json_path
from routines import attachments as attachment_files
from routines.stored_files import attachment_models, note_stored

FOLDER = "attachments"


def plan_attachment_models():
    """The links and files of a plan's parts (routines', sections', arenas'): they travel in the plan file.

    A gathering's belong to no plan; the backup keeps them as stored files of its rows.
    """
    return [
        model
        for model in attachment_models()
        if any(field.name == "plan" for field in model._meta.get_field(model.parent_field).related_model._meta.fields)
    ]


def as_dict(attachment):
    """One element of a part's "attachments"."""
    if attachment.is_file:
        file = {"name": attachment.file_name, "sha256": attachment.sha256, "size": attachment.size}
        return {"title": attachment.title, "file": file}
    return {"title": attachment.title, "url": attachment.url}


def attached_items(plans, path="$.plans"):
    """(json path, attachment item) of every attached file of the plans' parts."""
    for index, plan in enumerate(plans):
        if not isinstance(plan, dict):
            continue
        for part_key in ("sections", "routines", "arenas"):
            parts = plan.get(part_key)
            for part_index, part in enumerate(parts if isinstance(parts, list) else []):
                items = part.get("attachments") if isinstance(part, dict) else None
                for item_index, item in enumerate(items if isinstance(items, list) else []):
                    if isinstance(item, dict) and isinstance(item.get("file"), dict):
                        yield json_path(path, [index, part_key, part_index, "attachments", item_index, "file"]), item


def folder_source(folder):
    """The bytes of an attached file by checksum, from the attachments/ folder beside a plan file."""
    folder = Path(folder) / FOLDER

    def read(sha256):
        path = folder / sha256
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    return read


def stored_source(municipality_ids):
    """The bytes of a file already stored for a plan of these municipalities (copies inside KIBS)."""

    def read(sha256):
        for model in plan_attachment_models():
            plan_path = f"{model.parent_field}__plan__municipality__in"
            stored = model.objects.filter(sha256=sha256, **{plan_path: municipality_ids}).exclude(file="").first()
            if stored is not None:
                return _stored_bytes(stored)
        return None

    return read


def _stored_bytes(attachment):
    try:
        with attachment.file.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def load_files(plans, source, path="$.plans"):
    """({sha256: bytes}, problems): every attached file of the plans, read and checked."""
    files, problems = {}, []
    for item_path, item in attached_items(plans, path):
        sha256, name = item["file"].get("sha256"), item["file"].get("name", "")
        if sha256 in files:
            continue
        data = source(sha256) if source is not None and isinstance(sha256, str) else None
        if data is None:
            problems.append(Problem(item_path, _("The attached file “%(name)s” is missing.") % {"name": name}))
        elif attachment_files.checksum(data) != sha256 or len(data) != item["file"].get("size"):
            problems.append(
                Problem(item_path, _("The attached file “%(name)s” is damaged: its checksum differs.") % {"name": name})
            )
        elif attachment_files.sniff(data) is None or len(data) > attachment_files.max_bytes():
            problems.append(
                Problem(item_path, _("The attached file “%(name)s” is not a kind KIBS accepts.") % {"name": name})
            )
        else:
            files[sha256] = data
    return files, problems


def create_attachments(part, items, files):
    """The part's links and files from its "attachments", the bytes taken from `files` (checked already)."""
    for position, item in enumerate(items):
        attachment = part.attachments.model(
            position=position, title=item["title"], **{part.attachments.field.name: part}
        )
        if "file" in item:
            data = files[item["file"]["sha256"]]
            attachment.kind = attachment_files.sniff(data)
            attachment.file_name = attachment_files.safe_file_name(item["file"]["name"], attachment.kind)
            attachment.size, attachment.sha256 = len(data), item["file"]["sha256"]
            attachment.file.save(attachment.file_name, ContentFile(data), save=False)
            note_stored(attachment.file.name)
        else:
            attachment.url = item["url"]
        attachment.save()


def write_files(municipality, doc, folder):
    """Write the attached files a plan file names into attachments/ in `folder`.

    Returns ({name in the folder: sha256}, [names of files missing from the storage]).
    """
    written, missing = {}, []
    source = stored_source([municipality.pk])
    for _path, item in attached_items(doc.get("plans", [])):
        sha256 = item["file"]["sha256"]
        name = f"{FOLDER}/{sha256}"
        if name in written:
            continue
        data = source(sha256)
        if data is None:
            missing.append(item["file"]["name"])
            continue
        target = Path(folder) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written[name] = sha256
    return written, missing
