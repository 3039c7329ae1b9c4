"""Credential Engine's CTDL vocabulary as the CTDL export uses it: classes, concept schemes, and the
term each record field becomes.

One place for both the export (export/ctdl.py builds nodes from these names) and the /data/ page's
mapping table (render/data.py prints `FIELD_TERMS`), so the prose cannot name a term the export does
not write. Concepts are only those of CTDL's published concept schemes
(https://credreg.net/ctdl/terms); where a record's value has no concept that says the same thing,
the export writes none rather than the nearest one.
"""
from __future__ import annotations

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
EN = "en"  # CTDL's concept labels are English
TERMS = "https://credreg.net/ctdl/terms/"

# Our `type` -> the CTDL credential class. Skill sets, professional and programme certificates
# (nanodegree, MicroMasters), short courses and bootcamps all certify completed study of a set of
# outcomes: `ceterms:Certificate` (CTDL's MasterCertificate is a trade's master level, not a
# MicroMasters). Micro-credentials and digital badges have classes of their own.
CREDENTIAL_CLASS = {
    "micro-credential": "ceterms:MicroCredential",
    "skill-set": "ceterms:Certificate",
    "professional-certificate": "ceterms:Certificate",
    "digital-badge": "ceterms:DigitalBadge",
    "nanodegree": "ceterms:Certificate",
    "micromasters": "ceterms:Certificate",
    "short-course": "ceterms:Certificate",
    "bootcamp-certificate": "ceterms:Certificate",
}
# A qualification that credentials stack into, as the class of the reference node that names it.
QUALIFICATION_CLASS = {
    "vet-qualification": "ceterms:Certificate",
    "skill-set": "ceterms:Certificate",
    "higher-education-award": "ceterms:Degree",
    "professional-certification": "ceterms:Certification",
    "credential-pathway": "ceterms:Certificate",
}

# Concept schemes: scheme -> (its name, {our value: (concept, its label)}).
# `upcoming` has no CredentialStatus concept (every one describes a credential being awarded or
# having been), so an upcoming listing carries its state only as the learning opportunity's
# life-cycle status.
CREDENTIAL_STATUS = ("CredentialStatus", "Credential Status", {
    "active": ("credentialStat:Active", "Active"),
    "retired": ("credentialStat:Deprecated", "Deprecated"),
})
LIFE_CYCLE = ("LifeCycleStatus", "Life Cycle Status", {
    "active": ("lifeCycle:Active", "Active"),
    "upcoming": ("lifeCycle:Developing", "Developing"),
    "retired": ("lifeCycle:Ceased", "Ceased"),
})
DELIVERY = ("Delivery", "Delivery Type", {
    "online": ("deliveryType:OnlineOnly", "Online Only"),
    "in-person": ("deliveryType:InPerson", "In Person Only"),
    "blended": ("deliveryType:BlendedDelivery", "Blended Delivery"),
})
ASSESSMENT = ("AssessmentMethod", "Assessment Method", {
    "quiz": ("assessMethod:Exam", "Exam"),
    "exam": ("assessMethod:Exam", "Exam"),
    "project": ("assessMethod:Artifact", "Artifact"),
    "portfolio": ("assessMethod:Artifact", "Artifact"),
    "peer-review": ("assessMethod:Artifact", "Artifact"),
    "practical": ("assessMethod:Performance", "Performance"),
    "presentation": ("assessMethod:Performance", "Performance"),
    "workplace-observation": ("assessMethod:Performance", "Performance"),
})
# Only self-paced study has a ScheduleFrequency concept; `scheduled` and `cohort` say nothing about
# how often sessions run. (ScheduleTiming is the time of day, which records do not state.)
SCHEDULE_FREQUENCY = ("ScheduleFrequency", "Schedule Frequency", {
    "self-paced": ("scheduleFrequency:SelfPaced", "Self-Paced"),
})
AUDIENCE_LEVEL = ("AudienceLevel", "Audience Level", {
    "introductory": ("audLevel:BeginnerLevel", "Beginner Level"),
    "intermediate": ("audLevel:IntermediateLevel", "Intermediate Level"),
    "advanced": ("audLevel:AdvancedLevel", "Advanced Level"),
})
# Provider types with an OrganizationType concept that says the same; others carry none.
ORGANIZATION_TYPE = ("OrganizationType", "Organization Type", {
    "university": ("orgType:Postsecondary", "Postsecondary Educational Institution"),
    "tafe": ("orgType:Postsecondary", "Postsecondary Educational Institution"),
})
COST_TYPE = ("CostType", "Cost Type", {"study": ("costType:AggregateCost", "Aggregate Cost")})
# quality_assurance.type -> the relation from the credential to the body that assures it.
QA_RELATION = {"regulated": "ceterms:regulatedBy", "accredited": "ceterms:accreditedBy",
               "industry-endorsed": "ceterms:recognizedBy"}

ISCED_F = ("https://uis.unesco.org/en/topic/international-standard-classification-education-isced",
           "ISCED Fields of Education and Training 2013 (ISCED-F)")
ECTS = ("https://education.ec.europa.eu/education-levels/higher-education/inclusive-and-connected-higher-education/"
        "european-credit-transfer-and-accumulation-system", "European Credit Transfer and Accumulation System (ECTS)")
TGA = ("https://training.gov.au/", "training.gov.au, Australia's national register of VET")


def alignment(scheme: tuple, value: str) -> dict | None:
    """A CredentialAlignmentObject for our value in a CTDL concept scheme (None: no concept fits)."""
    name, title, concepts = scheme
    if value not in concepts:
        return None
    node, label = concepts[value]
    return {"@type": "ceterms:CredentialAlignmentObject", "ceterms:framework": TERMS + name,
            "ceterms:frameworkName": {EN: title}, "ceterms:targetNode": node, "ceterms:targetNodeName": {EN: label}}


def _concepts(scheme: tuple) -> str:
    return ", ".join(f"`{ours}` -> `{node}`" for ours, (node, _label) in scheme[2].items())


# Record field -> the CTDL terms that carry it (Markdown). The /data/ page prints these; a test
# checks that every `ceterms:` term named here occurs in the export of a catalogue that uses
# every field.
FIELD_TERMS = {
    "title": "`ceterms:name`",
    "provider": "`ceterms:ownedBy`, `ceterms:offeredBy` (a `ceterms:CredentialOrganization`)",
    "summary": "`ceterms:description`",
    "url": "`ceterms:subjectWebpage`; the learning opportunity's `ceterms:availabilityListing`",
    "type": "the credential's class: " + ", ".join(f"`{k}` -> `{v}`" for k, v in CREDENTIAL_CLASS.items()),
    "status": f"`ceterms:credentialStatusType` ({_concepts(CREDENTIAL_STATUS)}; `upcoming` has no concept); "
              f"the learning opportunity's `ceterms:lifeCycleStatusType` ({_concepts(LIFE_CYCLE)})",
    "languages": "`ceterms:inLanguage`",
    "learning_outcomes": "`ceterms:teaches` (learning opportunity)",
    "skills": "`ceterms:keyword`",
    "field_of_education": "`ceterms:instructionalProgramType` (learning opportunity; ISCED-F as the framework)",
    "difficulty": f"`ceterms:audienceLevelType` ({_concepts(AUDIENCE_LEVEL)})",
    "workload_hours": "the `ceterms:DurationProfile`'s `ceterms:description` (CTDL has no notional-hours term)",
    "ects": "`ceterms:creditValue` (learning opportunity; a `schema:QuantitativeValue` in ECTS)",
    "duration": "`ceterms:estimatedDuration` (learning opportunity; `ceterms:DurationProfile`: "
                "`ceterms:exactDuration`, or `ceterms:minimumDuration` and `ceterms:maximumDuration`)",
    "pace": f"`ceterms:scheduleFrequencyType` (learning opportunity; {_concepts(SCHEDULE_FREQUENCY)} only)",
    "delivery": f"`ceterms:learningDeliveryType` (credential) and `ceterms:deliveryType` (learning opportunity): "
                f"{_concepts(DELIVERY)}; online and blended also `ceterms:availableOnlineAt`",
    "locations": "`ceterms:availableAt` (learning opportunity; `ceterms:Place`)",
    "cost": "`ceterms:estimatedCost` (learning opportunity; `ceterms:CostProfile`); `certificate_fee` as the "
            "credential's own `ceterms:estimatedCost`; `funding` -> `ceterms:financialAssistance`",
    "assessment": f"`ceterms:assessmentMethodType` (learning opportunity; {_concepts(ASSESSMENT)})",
    "quality_assurance": "with a `body`: " + ", ".join(f"`{k}` -> `{v}`" for k, v in QA_RELATION.items())
                         + " (a `ceterms:QACredentialOrganization`)",
    "prerequisites": "`ceterms:entryCondition` (learning opportunity; `ceterms:ConditionProfile`)",
    "stacks_into": "`ceterms:isPartOf` (the target's `ceterms:hasPart` lists this credential); credit as "
                   "`ceterms:isAdvancedStandingFor` with `ceterms:creditUnitValue`",
    "vet_credit": "`ceterms:isAdvancedStandingFor` (a `ceterms:ConditionProfile` whose `ceterms:targetCredential` "
                  "is the qualification and `ceterms:targetCompetency` the units); with `granted_by`, a third "
                  "party's credit: `ceterms:isRecommendedFor`, asserted by it",
    "(how it is earned)": "`ceterms:requires` (`ceterms:ConditionProfile`) whose `ceterms:targetLearningOpportunity` "
                          "is a `ceterms:LearningOpportunityProfile`",
}
