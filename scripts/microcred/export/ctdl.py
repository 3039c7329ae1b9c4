"""CTDL (Credential Engine's Credential Transparency Description Language) JSON-LD, one graph per
credential and one per provider, for the Credential Registry and tools that read it.

A credential is its CTDL class (export/ctdl_terms.py); what a learner studies to earn it (outcomes,
assessment, credit, schedule, delivery, duration, cost) is a `ceterms:LearningOpportunityProfile`
that the credential `ceterms:requires`. Ids are URLs under the site's own address, and CTIDs are
UUIDs derived from them (uuid5), so both stay the same from build to build.
"""
from __future__ import annotations

import itertools

from .. import urls
from ..model import Catalogue, Credential, Provider
from ..render import facts
from . import ctdl_terms as terms
from .ctdl_learning import (UNDETERMINED, blank, certificate_fee, credential_id, ctid, learning_opportunity,
                            learning_opportunity_id, optional, organization_id, place, record_language, text)
from ..reuse import FRESH, Reuse
from ..shown import export_key
from ..written import Put, Written, keep_all, read_span
from .jsonfile import gzip_parts, joined, json_bytes, json_text

BUNDLE = "ctdl.json.gz"  # every graph's nodes in one graph, gzip-compressed


def _qualification_ref(catalogue: Catalogue, target_id: str) -> dict:
    qual = catalogue.qualifications[target_id]
    return {"@id": urls.absolute(urls.qualification(qual.id)) + "#credential",
            "@type": terms.QUALIFICATION_CLASS[qual.data["type"]], "ceterms:name": text(qual.title, UNDETERMINED),
            "ceterms:subjectWebpage": qual.data["url"]}


def _vet_qualification_ref(catalogue: Catalogue, code: str) -> dict:
    qual = catalogue.qualification_by_code(code)
    if qual is not None:
        return _qualification_ref(catalogue, qual.id)
    return {"@id": facts.tga_url(code), "@type": "ceterms:Certificate", "ceterms:name": text(code),
            "ceterms:subjectWebpage": facts.tga_url(code)}


def _org_ref(name: str, kind: str, key: str) -> dict:
    return {"@id": blank(key), "@type": kind, "ceterms:name": text(name, UNDETERMINED)}


def _vet_condition(catalogue: Catalogue, cred: Credential, entry: dict, refs: dict) -> tuple[str, dict]:
    """One vet_credit entry: the relation (own credit or a third party's) and its ConditionProfile."""
    units = entry.get("units") or []
    what = " and ".join(filter(None, [
        entry.get("qualification") and f"qualification {entry['qualification']}",
        units and ("unit " if len(units) == 1 else "units ") + ", ".join(units)]))
    description = f"{facts.label(entry['credit_type'])} towards {what}."
    profile = {"@type": "ceterms:ConditionProfile", "ceterms:name": text(facts.label(entry["credit_type"]))}
    code = entry.get("qualification")
    if code:
        ref = _vet_qualification_ref(catalogue, code)
        refs[ref["@id"]] = ref
        profile["ceterms:targetCredential"] = [ref["@id"]]
    if entry.get("units"):
        profile["ceterms:targetCompetency"] = [{
            "@type": "ceterms:CredentialAlignmentObject", "ceterms:framework": terms.TGA[0],
            "ceterms:frameworkName": text(terms.TGA[1]), "ceterms:targetNode": facts.tga_url(unit),
            "ceterms:codedNotation": unit, "ceterms:targetNodeName": text(f"Unit of competency {unit}")}
            for unit in entry["units"]]
    optional(profile, "ceterms:subjectWebpage", entry.get("evidence_url"))
    grantor = entry.get("granted_by")
    relation = "ceterms:isAdvancedStandingFor"
    if grantor and grantor.casefold() != cred.provider.name.casefold():
        org = _org_ref(grantor, "ceterms:CredentialOrganization", credential_id(cred) + "#granted-by:" + grantor)
        refs[org["@id"]] = org
        profile["ceterms:assertedBy"] = [org["@id"]]
        description += f" Granted by {grantor}."
        relation = "ceterms:isRecommendedFor"
    profile["ceterms:description"] = text(description, UNDETERMINED if grantor else terms.EN)
    return relation, profile


def _relations(catalogue: Catalogue, cred: Credential, node: dict, refs: dict) -> None:
    """Stacking (isPartOf, hasPart, credit as advanced standing) and VET credit, on the credential."""
    part_of, conditions = [], {"ceterms:isAdvancedStandingFor": [], "ceterms:isRecommendedFor": []}
    for entry in cred.data.get("stacks_into", []):
        target = catalogue.target(entry["target"])
        if target is None:
            continue
        if isinstance(target, Credential):
            target_id = credential_id(target)
        else:
            ref = _qualification_ref(catalogue, target.id)
            refs[ref["@id"]] = ref
            target_id = ref["@id"]
        part_of.append(target_id)
        if entry.get("credit"):
            credit = entry["credit"]
            conditions["ceterms:isAdvancedStandingFor"].append({
                "@type": "ceterms:ConditionProfile", "ceterms:name": text("Credit"),
                "ceterms:description": text(f"Counts for {facts.credit(credit)} towards {target.title}.", UNDETERMINED),
                "ceterms:targetCredential": [target_id], "ceterms:creditUnitValue": credit["value"],
                "ceterms:creditUnitTypeDescription": text(facts.CREDIT_UNITS[credit["unit"]][1])})
    for entry in cred.data.get("vet_credit", []):
        relation, profile = _vet_condition(catalogue, cred, entry, refs)
        conditions[relation].append(profile)
    optional(node, "ceterms:isPartOf", part_of)
    optional(node, "ceterms:hasPart", [credential_id(c) for c, _entry in cred.stacked_by])
    for relation, profiles in conditions.items():
        optional(node, relation, profiles)


def credential_node(catalogue: Catalogue, cred: Credential, refs: dict) -> dict:
    """The credential as its CTDL class, with the credential terms; `refs` collects referenced nodes."""
    data = cred.data
    node_id = credential_id(cred)
    lang = record_language(cred)
    org = organization_id(cred.provider.id)
    node = {
        "@id": node_id, "@type": terms.CREDENTIAL_CLASS[data["type"]],
        "ceterms:ctid": ctid(urls.absolute(urls.credential(cred))),
        "ceterms:name": text(cred.title, lang), "ceterms:description": text(data["summary"], lang),
        "ceterms:subjectWebpage": data["url"],
        "ceterms:ownedBy": [org], "ceterms:offeredBy": [org], "ceterms:inLanguage": list(data["languages"]),
        "ceterms:codedNotation": cred.global_id,
        "ceterms:learningDeliveryType": [terms.alignment(terms.DELIVERY, data["delivery"])],
        "ceterms:requires": [{"@type": "ceterms:ConditionProfile", "ceterms:name": text("Study"),
                              "ceterms:description": text("Complete the learning opportunity and its assessment."),
                              "ceterms:targetLearningOpportunity": [learning_opportunity_id(cred)]}],
    }
    optional(node, "ceterms:credentialStatusType", terms.alignment(terms.CREDENTIAL_STATUS, data["status"]))
    optional(node, "ceterms:keyword", [text(skill, lang) for skill in data.get("skills") or []])
    level = terms.alignment(terms.AUDIENCE_LEVEL, data.get("difficulty", ""))
    optional(node, "ceterms:audienceLevelType", [level] if level else [])
    optional(node, "ceterms:estimatedCost", certificate_fee(cred))
    qa = data["quality_assurance"]
    if qa.get("body") and qa["type"] in terms.QA_RELATION:
        body = _org_ref(qa["body"], "ceterms:QACredentialOrganization", node_id + "#quality-assurance")
        refs[body["@id"]] = body
        node[terms.QA_RELATION[qa["type"]]] = [body["@id"]]
    _relations(catalogue, cred, node, refs)
    return node


def credential_graph(catalogue: Catalogue, cred: Credential) -> dict:
    """A credential's CTDL document: the credential, its learning opportunity, the nodes it names."""
    refs: dict[str, dict] = {}
    node = credential_node(catalogue, cred, refs)
    lopp = learning_opportunity(cred)
    return {"@context": terms.CONTEXT, "@id": urls.absolute(urls.ctdl_credential_file(cred)),
            "@graph": [node, lopp, *(refs[key] for key in sorted(refs))]}


def organization_graph(provider: Provider) -> dict:
    """A provider as a `ceterms:CredentialOrganization` that owns and offers its credentials."""
    data = provider.data
    node_id = organization_id(provider.id)
    count = len(provider.credentials)
    node = {
        "@id": node_id, "@type": "ceterms:CredentialOrganization",
        "ceterms:ctid": ctid(urls.absolute(urls.provider(provider.id))),
        "ceterms:name": text(provider.name, UNDETERMINED),
        "ceterms:description": text(data["description"], UNDETERMINED) if data.get("description") else text(
            f"{provider.name}, {facts.label(data['type']).lower()}, lists {count} "
            f"credential{'s' if count != 1 else ''} in the Open Microcredential Catalogue."),
        "ceterms:subjectWebpage": data["website"],
        "ceterms:address": [place({"country": data["country"]})],
    }
    kind = terms.alignment(terms.ORGANIZATION_TYPE, data["type"])
    optional(node, "ceterms:agentType", [kind] if kind else [])
    optional(node, "ceterms:email", [data["contact_email"]] if data.get("contact_email") else [])
    owned = [credential_id(c) for c in provider.credentials]
    optional(node, "ceterms:owns", owned)
    optional(node, "ceterms:offers", owned)
    return {"@context": terms.CONTEXT, "@id": urls.absolute(urls.ctdl_provider_file(provider.id)),
            "@graph": [node]}


def _written(doc: dict) -> tuple[str, bytes, list[tuple[str, int, int]]]:
    """A graph's path under /data/, its file, and where in the file each of its nodes' JSON text
    is, by id. The file is put together from the nodes' texts, as json_bytes would write the
    graph (the keys @context, @graph and @id in sorted order), so that the one-graph bundle can
    take each node's text from the file instead of keeping a second copy of every node."""
    if set(doc) != {"@context", "@graph", "@id"}:
        raise ValueError(f"a CTDL graph with keys {sorted(doc)}")
    head = f'{{"@context":{json_text(doc["@context"])},"@graph":['.encode("utf-8")
    pieces, spans, at = [head], [], len(head)
    for i, node in enumerate(doc["@graph"]):
        data = (b"," if i else b"") + json_text(node).encode("utf-8")
        spans.append((node["@id"], at + (1 if i else 0), at + len(data)))
        pieces.append(data)
        at += len(data)
    pieces.append(f'],"@id":{json_text(doc["@id"])}}}\n'.encode("utf-8"))
    return doc["@id"].removeprefix(urls.absolute(urls.DATA_PREFIX)), b"".join(pieces), spans


def ctdl_files(catalogue: Catalogue, reuse: Reuse = FRESH, put: Put = keep_all) -> dict[str, bytes | Written]:
    """Producer: `ctdl/credentials/<provider>/<credential>.json`, `ctdl/providers/<provider>.json`
    and `ctdl.json.gz`, all of them in one graph. Each graph's file is handed to `put` as soon as
    it is made (a site build writes it to disk there, and keeps only where it is). Under `mkdocs
    serve`, a credential's graph is kept while what it reads is unchanged (microcred.shown.export_key)."""
    files: dict[str, bytes | Written] = {}
    nodes: dict[str, tuple] = {}  # each node's id -> its file and where in it its text is
    made = (reuse.get("ctdl", export_key(catalogue, c), lambda c=c: _written(credential_graph(catalogue, c)))
            for c in catalogue.credentials.values())
    for path, content, spans in itertools.chain(made, (_written(organization_graph(p)) for p in catalogue.providers.values())):
        stored = put({path: content})[path]
        files[path] = stored
        for node_id, start, end in spans:
            nodes[node_id] = (stored, start, end)
    # One graph of every node: a reference node named by several credentials appears once. Its
    # nodes are written as json_bytes writes them, from their texts: the keys @context, @graph
    # and @id in sorted order, each text read back from its graph's file (on disk, in a site
    # build: at 100,000 listings the graphs are about 0.7 GB). It is published compressed:
    # uncompressed it would repeat every credential's own file, a fifth of the site (issue #16).
    texts = (read_span(*nodes[key]).decode("utf-8") for key in sorted(nodes))
    files.update(put({BUNDLE: gzip_parts(joined(
        "{" + f'"@context":{json_text(terms.CONTEXT)},"@graph":[', texts,
        f'],"@id":{json_text(urls.absolute(urls.DATA_PREFIX + BUNDLE))}' + "}\n"), reuse, "ctdl.json.gz")}))
    return files
