"""Rules on a record as a file: its schema line, its id and folder, its provider, its name."""
from __future__ import annotations

from pathlib import Path

from ...paths import ID_FORM, KINDS, modeline
from ..registry import rule


@rule("schema-modeline", KINDS, "the first line points editors at the record's JSON Schema")
def check_schema_modeline(doc, index):
    expected = modeline(doc.kind)
    if doc.first_line.strip() != expected:
        yield (), "the first line is not the schema line for editors", f"make the first line exactly: {expected}"


@rule("id-matches-filename", KINDS, "a record's `id` equals its file name without `.yaml`")
def check_id_matches_filename(doc, index):
    stem, record_id = Path(doc.file).stem, doc.data["id"]
    if record_id != stem:
        # Offer only names that are ids: "rename the file to `Bad Id.yaml`" would be a second error.
        fixes = [f"rename the file to `{record_id}.yaml`"] if ID_FORM.fullmatch(record_id) else []
        fixes += [f"set `id: {stem}`"] if ID_FORM.fullmatch(stem) else []
        yield ("id",), f"id `{record_id}` does not match the file name `{stem}.yaml`", \
            " or ".join(fixes) or "rename the file to an id (lower-case words joined by hyphens) and set `id:` to it"


@rule("provider-matches-folder", ("credential",), "a credential's `provider` equals its folder name")
def check_provider_matches_folder(doc, index):
    folder = Path(doc.file).parent.name
    if doc.data["provider"] != folder:
        yield ("provider",), f"provider `{doc.data['provider']}` does not match the folder `credentials/{folder}/`", \
            f"move the file to `catalogue/credentials/{doc.data['provider']}/` or set `provider: {folder}`"


@rule("provider-exists", ("credential",), "a credential's provider has a record in `catalogue/providers/`", across_files=True)
def check_provider_exists(doc, index):
    provider = doc.data["provider"]
    if provider not in index.provider_files:
        yield ("provider",), f"no provider `{provider}`: catalogue/providers/{provider}.yaml does not exist", \
            f"add catalogue/providers/{provider}.yaml (`microcred new provider --id {provider}`) or fix the id"


@rule("unique-provider-name", ("provider",),
      "no two providers have names that look alike: compared without case, invisible characters or blanks, "
      "after Unicode NFKC, with look-alike letters of other scripts made one", across_files=True)
def check_unique_provider_name(doc, index):
    # A newcomer must not pass itself off as a provider learners know.
    name = doc.data["name"]
    others = [pid for pid in index.providers_named_like(name) if pid != doc.data["id"]]
    if others:
        yield ("name",), f"provider name `{name}` is already taken by catalogue/providers/{others[0]}.yaml", \
            "use the provider's own distinct name; if it is the same organisation, add to its existing record instead"
