"""Rules on `stacks_into`: a target exists, is not the listing itself, closes no cycle, and (for
another provider's credential) has consented to take the credit."""
from __future__ import annotations

from ...domain import global_id, is_credential_target, target_provider
from ..registry import rule


@rule("stacks-into-target-exists", ("credential",), "every `stacks_into` target is a qualification or credential in the catalogue", across_files=True)
def check_stacking_targets_exist(doc, index):
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        target = item["target"]
        is_credential = is_credential_target(target)
        known = index.credential_files if is_credential else index.qualification_files
        if target not in known:
            where = f"catalogue/credentials/{target}.yaml" if is_credential else f"catalogue/qualifications/{target}.yaml"
            yield ("stacks_into", i, "target"), f"stacking target `{target}` is not in the catalogue ({where} does not exist)", \
                "use a qualification id or a credential's `provider/credential` id, or add the missing record"


def _global_id(doc) -> str:
    return global_id(doc.data["provider"], doc.data["id"])


@rule("no-self-stacking", ("credential",), "a credential does not stack into itself")
def check_no_self_stacking(doc, index):
    own = _global_id(doc)
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        if item["target"] == own:
            yield ("stacks_into", i, "target"), f"`{own}` stacks into itself", "remove this entry: a listing cannot count towards itself"


@rule("no-stacking-cycle", ("credential",), "stacking between credentials has no cycles, across files", across_files=True)
def check_no_stacking_cycle(doc, index):
    # One Tarjan pass over the stacking graph, shared by every file checked (see check/cycles.py).
    own = _global_id(doc)
    graph = index.stacking_graph
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        target = item["target"]
        if not is_credential_target(target) or target == own:
            continue
        found = graph.cycle_through(own, target)
        if found:
            yield ("stacks_into", i, "target"), f"stacking cycle: {_chain(*found)}", \
                "a credential cannot count towards a credential that counts towards it: remove one link of the cycle"


def _chain(ids: list, links: int) -> str:
    text = " -> ".join("..." if node is None else node for node in ids)
    return f"{text} ({links:,} links)" if links else text


# Nationally recognised training: every RTO must recognise the units another RTO issued (Standards
# for RTOs 2015, clause 3.5, mutual recognition), so stacking into these needs no consent.
MUTUALLY_RECOGNISED = ("vet-qualification", "skill-set")


def _needs_consent(target: str, provider: str, index) -> bool:
    owner = target_provider(target)
    if owner is not None:
        return owner != provider
    record = index.target_record(target)
    return record is not None and record.get("type") not in MUTUALLY_RECOGNISED


@rule("stacking-confirmed", ("credential",),
      "a listing stacks into another provider's credential, or into a qualification other than a VET qualification "
      "or skill set, only when the target's `accepts_credit_from` names it", across_files=True)
def check_stacking_confirmed(doc, index):
    # Otherwise any listing could put itself, with its credit, on another provider's pathway or
    # on a university's award page.
    provider, own = doc.data["provider"], _global_id(doc)
    for i, item in enumerate(doc.data.get("stacks_into", [])):
        target = item["target"]
        if not _needs_consent(target, provider, index):
            continue
        accepted = index.accepts_credit_from(target)
        if accepted is None or provider in accepted or own in accepted:
            continue  # a missing target is stacks-into-target-exists' to report
        owner = target_provider(target)
        if owner is None:
            what, where = "the qualification", f"catalogue/qualifications/{target}.yaml"
            ask = "ask its maintainers to add"
        else:
            what, where = f"provider `{owner}`'s credential", f"catalogue/credentials/{target}.yaml"
            ask = f"ask `{owner}` to add"
        yield ("stacks_into", i, "target"), \
            f"`{target}` is {what}, and it does not accept credit from `{provider}`", \
            (f"{ask} `{provider}` (or `{own}`) to `accepts_credit_from` in {where}, or remove this entry "
             "(a VET qualification or skill set needs no consent: RTOs recognise each other's units)")
