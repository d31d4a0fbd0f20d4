# Generated from schema/upsides.yaml by `make generate`; do not edit.
# ruff: noqa
from __future__ import annotations

import re
import sys
from datetime import (
    date,
    datetime,
    time
)
from decimal import Decimal
from enum import Enum
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    Optional,
    Union
)

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_validator,
    model_serializer
)


metamodel_version = "1.12.0"
version = "1.1.0"


class ConfiguredBaseModel(BaseModel):
    model_config = ConfigDict(
        serialize_by_alias = True,
        validate_by_name = True,
        validate_assignment = True,
        validate_default = True,
        extra = "forbid",
        arbitrary_types_allowed = True,
        use_enum_values = True,
        strict = False,
    )





class LinkMLMeta(RootModel):
    root: dict[str, Any] = {}
    model_config = ConfigDict(frozen=True)

    def __getattr__(self, key:str):
        return getattr(self.root, key)

    def __getitem__(self, key:str):
        return self.root[key]

    def __setitem__(self, key:str, value):
        self.root[key] = value

    def __contains__(self, key:str) -> bool:
        return key in self.root


linkml_meta = LinkMLMeta({'default_curi_maps': ['semweb_context'],
     'default_prefix': 'uds',
     'default_range': 'string',
     'description': 'A standard for the data of multi-site qualitative studies '
                    '(focus groups, transcripts, codebooks, themes, quotes and '
                    'cross-site findings), born from the UPSIDES study of peer '
                    'support in mental health services. This root module holds the '
                    'identifier conventions and the dataset container; the domain '
                    'classes live in the imported modules.',
     'emit_prefixes': ['dcat',
                       'dcterms',
                       'skos',
                       'prov',
                       'oa',
                       'schema',
                       'foaf',
                       'xsd'],
     'id': 'https://w3id.org/upsides-data/schema',
     'license': 'https://creativecommons.org/publicdomain/zero/1.0/',
     'name': 'upsides',
     'prefixes': {'adms': {'prefix_prefix': 'adms',
                           'prefix_reference': 'http://www.w3.org/ns/adms#'},
                  'bibo': {'prefix_prefix': 'bibo',
                           'prefix_reference': 'http://purl.org/ontology/bibo/'},
                  'dcat': {'prefix_prefix': 'dcat',
                           'prefix_reference': 'http://www.w3.org/ns/dcat#'},
                  'dcterms': {'prefix_prefix': 'dcterms',
                              'prefix_reference': 'http://purl.org/dc/terms/'},
                  'eu_access': {'prefix_prefix': 'eu_access',
                                'prefix_reference': 'http://publications.europa.eu/resource/authority/access-right/'},
                  'foaf': {'prefix_prefix': 'foaf',
                           'prefix_reference': 'http://xmlns.com/foaf/0.1/'},
                  'frapo': {'prefix_prefix': 'frapo',
                            'prefix_reference': 'http://purl.org/cerif/frapo/'},
                  'linkml': {'prefix_prefix': 'linkml',
                             'prefix_reference': 'https://w3id.org/linkml/'},
                  'oa': {'prefix_prefix': 'oa',
                         'prefix_reference': 'http://www.w3.org/ns/oa#'},
                  'prov': {'prefix_prefix': 'prov',
                           'prefix_reference': 'http://www.w3.org/ns/prov#'},
                  'rdfs': {'prefix_prefix': 'rdfs',
                           'prefix_reference': 'http://www.w3.org/2000/01/rdf-schema#'},
                  'schema': {'prefix_prefix': 'schema',
                             'prefix_reference': 'http://schema.org/'},
                  'shex': {'prefix_prefix': 'shex',
                           'prefix_reference': 'http://www.w3.org/ns/shex#'},
                  'skos': {'prefix_prefix': 'skos',
                           'prefix_reference': 'http://www.w3.org/2004/02/skos/core#'},
                  'uds': {'prefix_prefix': 'uds',
                          'prefix_reference': 'https://w3id.org/upsides-data/schema/'},
                  'upsides': {'prefix_prefix': 'upsides',
                              'prefix_reference': 'https://w3id.org/upsides-data/id/'},
                  'vcard': {'prefix_prefix': 'vcard',
                            'prefix_reference': 'http://www.w3.org/2006/vcard/ns#'},
                  'xsd': {'prefix_prefix': 'xsd',
                          'prefix_reference': 'http://www.w3.org/2001/XMLSchema#'}},
     'see_also': ['https://doi.org/10.1186/s12888-022-04206-5'],
     'settings': {'local': {'setting_key': 'local',
                            'setting_value': '[A-Za-z0-9][A-Za-z0-9._-]*'},
                  'scope': {'setting_key': 'scope',
                            'setting_value': '[a-z][a-z0-9]*(?:-[a-z0-9]+)*'}},
     'source_file': 'schema/upsides.yaml',
     'title': 'UPSIDES data standard for multi-site qualitative research',
     'types': {'Bcp47Tag': {'description': 'A BCP 47 language tag, such as en, de, '
                                           'sw, he, gu or lg.',
                            'examples': [{'value': 'sw'}],
                            'from_schema': 'https://w3id.org/upsides-data/schema',
                            'name': 'Bcp47Tag',
                            'pattern': '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
                            'typeof': 'string',
                            'uri': 'xsd:language'},
               'CountryCode': {'description': 'An ISO 3166-1 alpha-2 country code, '
                                              'such as DE, UG, TZ, IL or IN.',
                               'examples': [{'value': 'UG'}],
                               'from_schema': 'https://w3id.org/upsides-data/schema',
                               'name': 'CountryCode',
                               'pattern': '^[A-Z]{2}$',
                               'typeof': 'string',
                               'uri': 'xsd:string'},
               'PartialDate': {'description': 'An ISO 8601 calendar date at the '
                                              'precision the source gives: a year '
                                              '(2019), a year and month (2019-11) '
                                              'or a full date (2019-11-14). '
                                              'Published studies often report only '
                                              'months; recording a finer date than '
                                              'the source would invent data.',
                               'examples': [{'description': 'a full date; 2019-11 '
                                                            '(a month) and 2019 (a '
                                                            'year) are valid too',
                                             'value': '2019-11-14'}],
                               'from_schema': 'https://w3id.org/upsides-data/schema',
                               'name': 'PartialDate',
                               'pattern': '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$',
                               'typeof': 'string',
                               'uri': 'xsd:string'},
               'boolean': {'base': 'Bool',
                           'description': 'A binary (true or false) value',
                           'exact_mappings': ['schema:Boolean'],
                           'from_schema': 'https://w3id.org/upsides-data/schema',
                           'name': 'boolean',
                           'notes': ['If you are authoring schemas in LinkML YAML, '
                                     'the type is referenced with the lower case '
                                     '"boolean".'],
                           'repr': 'bool',
                           'uri': 'xsd:boolean'},
               'curie': {'base': 'Curie',
                         'comments': ['in RDF serializations this MUST be expanded '
                                      'to a URI',
                                      'in non-RDF serializations MAY be serialized '
                                      'as the compact representation'],
                         'conforms_to': 'https://www.w3.org/TR/curie/',
                         'description': 'a compact URI',
                         'from_schema': 'https://w3id.org/upsides-data/schema',
                         'name': 'curie',
                         'notes': ['If you are authoring schemas in LinkML YAML, '
                                   'the type is referenced with the lower case '
                                   '"curie".'],
                         'repr': 'str',
                         'uri': 'xsd:string'},
               'date': {'base': 'XSDDate',
                        'description': 'a date (year, month and day) in an '
                                       'idealized calendar',
                        'exact_mappings': ['schema:Date'],
                        'from_schema': 'https://w3id.org/upsides-data/schema',
                        'name': 'date',
                        'notes': ["URI is dateTime because OWL reasoners don't "
                                  'work with straight date or time',
                                  'If you are authoring schemas in LinkML YAML, '
                                  'the type is referenced with the lower case '
                                  '"date".'],
                        'repr': 'str',
                        'uri': 'xsd:date'},
               'date_or_datetime': {'base': 'str',
                                    'description': 'Either a date or a datetime',
                                    'from_schema': 'https://w3id.org/upsides-data/schema',
                                    'name': 'date_or_datetime',
                                    'notes': ['If you are authoring schemas in '
                                              'LinkML YAML, the type is referenced '
                                              'with the lower case '
                                              '"date_or_datetime".'],
                                    'repr': 'str',
                                    'uri': 'linkml:DateOrDatetime'},
               'datetime': {'base': 'XSDDateTime',
                            'description': 'The combination of a date and time',
                            'exact_mappings': ['schema:DateTime'],
                            'from_schema': 'https://w3id.org/upsides-data/schema',
                            'name': 'datetime',
                            'notes': ['If you are authoring schemas in LinkML '
                                      'YAML, the type is referenced with the lower '
                                      'case "datetime".'],
                            'repr': 'str',
                            'uri': 'xsd:dateTime'},
               'decimal': {'base': 'Decimal',
                           'broad_mappings': ['schema:Number'],
                           'description': 'A real number with arbitrary precision '
                                          'that conforms to the xsd:decimal '
                                          'specification',
                           'from_schema': 'https://w3id.org/upsides-data/schema',
                           'name': 'decimal',
                           'notes': ['If you are authoring schemas in LinkML YAML, '
                                     'the type is referenced with the lower case '
                                     '"decimal".'],
                           'uri': 'xsd:decimal'},
               'double': {'base': 'float',
                          'close_mappings': ['schema:Float'],
                          'description': 'A real number that conforms to the '
                                         'xsd:double specification',
                          'from_schema': 'https://w3id.org/upsides-data/schema',
                          'name': 'double',
                          'notes': ['If you are authoring schemas in LinkML YAML, '
                                    'the type is referenced with the lower case '
                                    '"double".'],
                          'uri': 'xsd:double'},
               'float': {'base': 'float',
                         'description': 'A real number that conforms to the '
                                        'xsd:float specification',
                         'exact_mappings': ['schema:Float'],
                         'from_schema': 'https://w3id.org/upsides-data/schema',
                         'name': 'float',
                         'notes': ['If you are authoring schemas in LinkML YAML, '
                                   'the type is referenced with the lower case '
                                   '"float".'],
                         'uri': 'xsd:float'},
               'integer': {'base': 'int',
                           'description': 'An integer',
                           'exact_mappings': ['schema:Integer'],
                           'from_schema': 'https://w3id.org/upsides-data/schema',
                           'name': 'integer',
                           'notes': ['If you are authoring schemas in LinkML YAML, '
                                     'the type is referenced with the lower case '
                                     '"integer".'],
                           'uri': 'xsd:integer'},
               'jsonpath': {'base': 'str',
                            'conforms_to': 'https://www.ietf.org/archive/id/draft-goessner-dispatch-jsonpath-00.html',
                            'description': 'A string encoding a JSON Path. The '
                                           'value of the string MUST conform to '
                                           'JSON Point syntax and SHOULD '
                                           'dereference to zero or more valid '
                                           'objects within the current instance '
                                           'document when encoded in tree form.',
                            'from_schema': 'https://w3id.org/upsides-data/schema',
                            'name': 'jsonpath',
                            'notes': ['If you are authoring schemas in LinkML '
                                      'YAML, the type is referenced with the lower '
                                      'case "jsonpath".'],
                            'repr': 'str',
                            'uri': 'xsd:string'},
               'jsonpointer': {'base': 'str',
                               'conforms_to': 'https://datatracker.ietf.org/doc/html/rfc6901',
                               'description': 'A string encoding a JSON Pointer. '
                                              'The value of the string MUST '
                                              'conform to JSON Point syntax and '
                                              'SHOULD dereference to a valid '
                                              'object within the current instance '
                                              'document when encoded in tree form.',
                               'from_schema': 'https://w3id.org/upsides-data/schema',
                               'name': 'jsonpointer',
                               'notes': ['If you are authoring schemas in LinkML '
                                         'YAML, the type is referenced with the '
                                         'lower case "jsonpointer".'],
                               'repr': 'str',
                               'uri': 'xsd:string'},
               'ncname': {'base': 'NCName',
                          'description': 'Prefix part of CURIE',
                          'from_schema': 'https://w3id.org/upsides-data/schema',
                          'name': 'ncname',
                          'notes': ['If you are authoring schemas in LinkML YAML, '
                                    'the type is referenced with the lower case '
                                    '"ncname".'],
                          'repr': 'str',
                          'uri': 'xsd:string'},
               'nodeidentifier': {'base': 'NodeIdentifier',
                                  'description': 'A URI, CURIE or BNODE that '
                                                 'represents a node in a model.',
                                  'from_schema': 'https://w3id.org/upsides-data/schema',
                                  'name': 'nodeidentifier',
                                  'notes': ['If you are authoring schemas in '
                                            'LinkML YAML, the type is referenced '
                                            'with the lower case '
                                            '"nodeidentifier".'],
                                  'repr': 'str',
                                  'uri': 'shex:nonLiteral'},
               'objectidentifier': {'base': 'ElementIdentifier',
                                    'comments': ['Used for inheritance and type '
                                                 'checking'],
                                    'description': 'A URI or CURIE that represents '
                                                   'an object in the model.',
                                    'from_schema': 'https://w3id.org/upsides-data/schema',
                                    'name': 'objectidentifier',
                                    'notes': ['If you are authoring schemas in '
                                              'LinkML YAML, the type is referenced '
                                              'with the lower case '
                                              '"objectidentifier".'],
                                    'repr': 'str',
                                    'uri': 'shex:iri'},
               'sparqlpath': {'base': 'str',
                              'conforms_to': 'https://www.w3.org/TR/sparql11-query/#propertypaths',
                              'description': 'A string encoding a SPARQL Property '
                                             'Path. The value of the string MUST '
                                             'conform to SPARQL syntax and SHOULD '
                                             'dereference to zero or more valid '
                                             'objects within the current instance '
                                             'document when encoded as RDF.',
                              'from_schema': 'https://w3id.org/upsides-data/schema',
                              'name': 'sparqlpath',
                              'notes': ['If you are authoring schemas in LinkML '
                                        'YAML, the type is referenced with the '
                                        'lower case "sparqlpath".'],
                              'repr': 'str',
                              'uri': 'xsd:string'},
               'string': {'base': 'str',
                          'description': 'A character string',
                          'exact_mappings': ['schema:Text'],
                          'from_schema': 'https://w3id.org/upsides-data/schema',
                          'name': 'string',
                          'notes': ['In RDF serializations, a slot with range of '
                                    'string is treated as a literal or type '
                                    'xsd:string. If you are authoring schemas in '
                                    'LinkML YAML, the type is referenced with the '
                                    'lower case "string".'],
                          'uri': 'xsd:string'},
               'time': {'base': 'XSDTime',
                        'description': 'A time object represents a (local) time of '
                                       'day, independent of any particular day',
                        'exact_mappings': ['schema:Time'],
                        'from_schema': 'https://w3id.org/upsides-data/schema',
                        'name': 'time',
                        'notes': ['URI is dateTime because OWL reasoners do not '
                                  'work with straight date or time',
                                  'If you are authoring schemas in LinkML YAML, '
                                  'the type is referenced with the lower case '
                                  '"time".'],
                        'repr': 'str',
                        'uri': 'xsd:time'},
               'uri': {'base': 'URI',
                       'close_mappings': ['schema:URL'],
                       'comments': ['in RDF serializations a slot with range of '
                                    'uri is treated as a literal or type '
                                    'xsd:anyURI unless it is an identifier or a '
                                    'reference to an identifier, in which case it '
                                    'is translated directly to a node'],
                       'conforms_to': 'https://www.ietf.org/rfc/rfc3987.txt',
                       'description': 'a complete URI',
                       'from_schema': 'https://w3id.org/upsides-data/schema',
                       'name': 'uri',
                       'notes': ['If you are authoring schemas in LinkML YAML, the '
                                 'type is referenced with the lower case "uri".'],
                       'repr': 'str',
                       'uri': 'xsd:anyURI'},
               'uriorcurie': {'base': 'URIorCURIE',
                              'description': 'a URI or a CURIE',
                              'from_schema': 'https://w3id.org/upsides-data/schema',
                              'name': 'uriorcurie',
                              'notes': ['If you are authoring schemas in LinkML '
                                        'YAML, the type is referenced with the '
                                        'lower case "uriorcurie".'],
                              'repr': 'str',
                              'uri': 'xsd:anyURI'}}} )

class StudyPhase(str, Enum):
    """
    When a study took place relative to the implementation of the intervention.
    """
    pre_implementation = "pre-implementation"
    """
    Before the intervention was implemented at the sites.
    """
    post_implementation = "post-implementation"
    """
    After the intervention was implemented at the sites.
    """
    other = "other"
    """
    Not tied to an implementation phase.
    """


class Population(str, Enum):
    """
    Which group of people a study or focus group addresses.
    """
    MHW = "MHW"
    """
    Mental health workers (for example nurses, psychiatrists, psychologists).
    """
    PSW = "PSW"
    """
    Peer support workers, people who use their lived experience to support others.
    """
    service_users = "service-users"
    """
    People who use mental health services.
    """
    carers = "carers"
    """
    Relatives, friends or other informal carers of service users.
    """
    managers = "managers"
    """
    Managers or other decision makers of mental health services.
    """
    mixed = "mixed"
    """
    More than one of the other populations, for example mental health workers and peer support workers.
    """
    other = "other"
    """
    A population none of the other values names; say which in the record's notes.
    """


class ParticipantRole(str, Enum):
    """
    The role a participant holds in the mental health service.
    """
    MHW = "MHW"
    """
    A mental health worker.
    """
    PSW = "PSW"
    """
    A peer support worker.
    """
    service_user = "service-user"
    """
    A person who uses mental health services.
    """
    carer = "carer"
    """
    A relative, friend or other informal carer of a service user.
    """
    manager = "manager"
    """
    A manager or other decision maker of a mental health service.
    """
    other = "other"
    """
    Any other role.
    """


class StudyDesign(str, Enum):
    """
    The data collection design of a qualitative study.
    """
    focus_groups = "focus-groups"
    """
    Moderated group discussions following a topic guide.
    """
    interviews = "interviews"
    """
    Individual interviews.
    """
    mixed = "mixed"
    """
    Focus groups and interviews.
    """
    other = "other"
    """
    Another qualitative design (for example observation); say which in the notes.
    """


class SessionFormat(str, Enum):
    """
    The format of one data collection session.
    """
    focus_group = "focus-group"
    """
    A moderated group discussion.
    """
    interview = "interview"
    """
    An individual interview with one participant.
    """


class Gender(str, Enum):
    """
    Self-reported gender, as collected by the demographic questionnaire.
    """
    female = "female"
    """
    Female.
    """
    male = "male"
    """
    Male.
    """
    diverse = "diverse"
    """
    A gender other than female or male.
    """
    not_disclosed = "not-disclosed"
    """
    The participant chose not to say.
    """


class AgeBand(str, Enum):
    """
    Ten-year age bands (the first one shorter), the only form of age allowed in public packages.
    """
    number_18_24 = "18-24"
    """
    Aged 18 to 24 years.
    """
    number_25_34 = "25-34"
    """
    Aged 25 to 34 years.
    """
    number_35_44 = "35-44"
    """
    Aged 35 to 44 years.
    """
    number_45_54 = "45-54"
    """
    Aged 45 to 54 years.
    """
    number_55_64 = "55-64"
    """
    Aged 55 to 64 years.
    """
    number_65PLUS_SIGN = "65+"
    """
    Aged 65 years or more.
    """


class Profession(str, Enum):
    """
    A participant's professional background.
    """
    psychiatrist_physician = "psychiatrist-physician"
    """
    A psychiatrist or other medical doctor.
    """
    psychologist_psychotherapist = "psychologist-psychotherapist"
    """
    A psychologist or psychotherapist.
    """
    nurse = "nurse"
    """
    A nurse.
    """
    social_worker = "social-worker"
    """
    A social worker.
    """
    occupational_therapist = "occupational-therapist"
    """
    An occupational therapist.
    """
    peer_support_worker = "peer-support-worker"
    """
    A peer support worker.
    """
    other = "other"
    """
    Any other profession.
    """


class IncomeGroup(str, Enum):
    """
    The World Bank's income groups of economies (by Atlas GNI per capita).
    """
    HIC = "HIC"
    """
    High income.
    """
    UMIC = "UMIC"
    """
    Upper middle income.
    """
    LMIC = "LMIC"
    """
    Lower middle income.
    """
    LIC = "LIC"
    """
    Low income.
    """


class AccessLevel(str, Enum):
    """
    Who may receive a package or a transcript.
    """
    public = "public"
    """
    May be published; disclosure rules apply (no exact ages, no PII, k-anonymity).
    """
    restricted = "restricted"
    """
    Stays within the consortium under its data sharing agreement.
    """


class Urbanicity(str, Enum):
    """
    Whether a site serves an urban or a rural area.
    """
    urban = "urban"
    """
    An urban area.
    """
    rural = "rural"
    """
    A rural area.
    """
    mixed = "mixed"
    """
    Both urban and rural areas.
    """


class ServiceSetting(str, Enum):
    """
    The kind of mental health service a site provides.
    """
    hospital = "hospital"
    """
    In-patient or out-patient hospital services.
    """
    community = "community"
    """
    Community mental health services.
    """


class TranslationMethod(str, Enum):
    """
    How a transcript was translated into the analysis language.
    """
    none = "none"
    """
    Not translated; the focus group was held in the analysis language.
    """
    forward = "forward"
    """
    Translated once, from the source into the target language.
    """
    forward_backward = "forward-backward"
    """
    Translated forward, then back-translated and compared.
    """


class TranscriptionMethod(str, Enum):
    """
    How the audio recording was transcribed.
    """
    verbatim = "verbatim"
    """
    Word for word.
    """
    summary = "summary"
    """
    Summarised notes.
    """


class TeamRole(str, Enum):
    """
    A role a research team member holds in a study.
    """
    moderator = "moderator"
    """
    Leads a focus group discussion.
    """
    assistant = "assistant"
    """
    Assists the moderator, for example with the recording.
    """
    analyst = "analyst"
    """
    Analyses the data.
    """
    coder = "coder"
    """
    Applies codes to transcripts.
    """
    translator = "translator"
    """
    Translates transcripts.
    """
    transcriber = "transcriber"
    """
    Transcribes recordings.
    """
    task_lead = "task-lead"
    """
    Leads the study's task in the consortium.
    """
    research_worker = "research-worker"
    """
    A research worker at a site.
    """


class QuestionKind(str, Enum):
    """
    Whether a topic guide question opens a topic or follows up.
    """
    key = "key"
    """
    The key question that introduces a topic.
    """
    sub = "sub"
    """
    A sub-question asked when the key question yields too little.
    """


class AbsenceReason(str, Enum):
    """
    Why a value is not recorded.
    """
    not_reported = "not-reported"
    """
    The source (a publication, a site's records) does not give the value, although it exists.
    """
    not_applicable = "not-applicable"
    """
    The fact does not exist for this record (a study with no trial has no registration).
    """
    withheld_for_disclosure = "withheld-for-disclosure"
    """
    The value is known but left out of this package to protect participants (for example a group size below the k-anonymity threshold).
    """
    unknown = "unknown"
    """
    Nobody holding the data knows the value.
    """


class PackageKind(str, Enum):
    """
    The kinds of UPSIDES data package.
    """
    site = "site"
    """
    One site's records (sites, focus groups, participants, transcripts, quotes, codings).
    """
    codebook = "codebook"
    """
    One study's consortium-level records (the study, its codebook, codes, themes, findings).
    """
    consortium = "consortium"
    """
    The merge of any number of site and codebook packages; holds every table.
    """



class Dataset(ConfiguredBaseModel):
    """
    A whole dataset: everything one site package, one codebook package or one merged consortium package holds, as lists of records. It is the target class for whole-dataset validation.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'class_uri': 'dcat:Dataset',
         'exact_mappings': ['dcat:Dataset'],
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'tree_root': True})

    studies: Optional[list[Study]] = Field(default=None, description="""The studies in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    ethics_approvals: Optional[list[EthicsApproval]] = Field(default=None, description="""The ethics approvals in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    publications: Optional[list[Publication]] = Field(default=None, description="""The publications reporting studies in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    fundings: Optional[list[Funding]] = Field(default=None, description="""The funding awards of studies in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    topic_guides: Optional[list[TopicGuide]] = Field(default=None, description="""The topic guides in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    topics: Optional[list[Topic]] = Field(default=None, description="""The topics of topic guides in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    questions: Optional[list[Question]] = Field(default=None, description="""The questions of topic guides in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    codebooks: Optional[list[Codebook]] = Field(default=None, description="""The codebooks in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    codes: Optional[list[Code]] = Field(default=None, description="""The codes in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset', 'Theme', 'Quote', 'EvidenceReference']} })
    themes: Optional[list[Theme]] = Field(default=None, description="""The themes in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset', 'Quote', 'EvidenceReference']} })
    findings: Optional[list[Finding]] = Field(default=None, description="""The cross-site findings in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    sites: Optional[list[Site]] = Field(default=None, description="""The study sites in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset', 'Finding']} })
    income_classifications: Optional[list[IncomeClassification]] = Field(default=None, description="""The income classifications in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    site_participations: Optional[list[SiteParticipation]] = Field(default=None, description="""The records of which site took part in which study.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    focus_groups: Optional[list[FocusGroup]] = Field(default=None, description="""The focus groups in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    participants: Optional[list[Participant]] = Field(default=None, description="""The participants in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    analysts: Optional[list[Analyst]] = Field(default=None, description="""The research team members in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    transcripts: Optional[list[Transcript]] = Field(default=None, description="""The transcripts in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    quotes: Optional[list[Quote]] = Field(default=None, description="""The quotes in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset', 'Finding']} })
    evidence_references: Optional[list[EvidenceReference]] = Field(default=None, description="""The citation-only evidence references in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset', 'Finding']} })
    codings: Optional[list[Coding]] = Field(default=None, description="""The codings in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    memos: Optional[list[Memo]] = Field(default=None, description="""The memos in the dataset.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Dataset']} })
    package_sources: Optional[list[PackageSource]] = Field(default=None, description="""The input packages a consortium package was merged from, with the records each held.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'}},
         'domain_of': ['Dataset']} })


class Record(ConfiguredBaseModel):
    """
    Anything with a stable identifier. Identifiers are CURIEs in the upsides prefix whose local part starts with a scope (a site or a study), so that records made at two sites never collide.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'abstract': True,
         'class_uri': 'uds:Record',
         'from_schema': 'https://w3id.org/upsides-data/schema'})

    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Study(Record):
    """
    One qualitative study of a consortium, such as the pre-implementation focus groups with mental health workers. A consortium may run several studies, at all or some of its sites.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'schema:ResearchProject',
         'close_mappings': ['dcat:Dataset', 'prov:Activity'],
         'exactly_one_of': [{'description': 'licence holds a value.',
                             'slot_conditions': {'licence': {'name': 'licence',
                                                             'required': True}}},
                            {'description': 'licence_absent_reason says why licence is '
                                            'empty.',
                             'slot_conditions': {'licence_absent_reason': {'name': 'licence_absent_reason',
                                                                           'required': True}}}],
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'licence': {'description': 'The licence under which the '
                                                   "study's data may be used, as an "
                                                   'IRI; when no licence is published, '
                                                   'licence_absent_reason says why '
                                                   '(rule value-or-reason).',
                                    'name': 'licence'},
                        'phase': {'name': 'phase', 'required': True},
                        'population': {'name': 'population', 'required': True},
                        'title': {'name': 'title', 'required': True}}})

    title: str = Field(default=..., description="""A human-readable title.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'Publication', 'TopicGuide', 'Topic', 'Codebook'],
         'slot_uri': 'dcterms:title'} })
    description: Optional[str] = Field(default=None, description="""A free-text account of the record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide', 'Topic', 'Codebook', 'Theme'],
         'slot_uri': 'dcterms:description'} })
    phase: StudyPhase = Field(default=..., description="""The implementation phase in which the study took place.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    population: Population = Field(default=..., description="""The group of people the study or focus group addresses (workers, peer workers, service users, carers, managers, a mix, or another population named in the notes).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    period_start: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""When data collection began, at the precision the source gives.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation'],
         'slot_uri': 'dcat:startDate'} })
    period_start_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the start of data collection (period_start) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when period_start holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'period_start'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    period_end: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""When data collection ended, at the precision the source gives.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation'],
         'slot_uri': 'dcat:endDate'} })
    period_end_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the end of data collection (period_end) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when period_end holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'period_end'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    design: Optional[StudyDesign] = Field(default=None, description="""The data collection design.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    analysis_approach: Optional[str] = Field(default=None, description="""The method of analysis, for example thematic analysis after Braun and Clarke.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study']} })
    reporting_guideline: Optional[str] = Field(default=None, description="""The reporting guideline followed, for example COREQ.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study'],
         'slot_uri': 'dcterms:conformsTo'} })
    guiding_framework: Optional[str] = Field(default=None, description="""The theoretical framework that guided the topic guide, for example the Consolidated Framework for Implementation Research (CFIR).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide']} })
    software: Optional[list[str]] = Field(default=None, description="""Software used for the analysis, with its version, for example MAXQDA 2020.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study'],
         'singular_name': 'software'} })
    trial_registration: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Z]+[0-9A-Z-]+\n?$")]] = Field(default=None, description="""The registry identifier of the trial the study belongs to, for example ISRCTN26008944.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study'],
         'examples': [{'value': 'ISRCTN26008944'}]} })
    trial_registration_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the trial registration (trial_registration) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when trial_registration holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'trial_registration'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    licence: Optional[str] = Field(default=None, description="""The licence under which the study's data may be used, as an IRI; when no licence is published, licence_absent_reason says why (rule value-or-reason).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'Publication'],
         'slot_uri': 'dcterms:license'} })
    licence_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the licence (licence) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when licence holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'licence'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'Publication']} })
    focus_group_count: Optional[int] = Field(default=None, description="""The number of focus groups, as an aggregate figure: of a study (on Study) or of a study at one site (on SiteParticipation). It may be published without a per-site split.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    focus_group_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of focus groups (focus_group_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when focus_group_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'focus_group_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    interview_count: Optional[int] = Field(default=None, description="""The number of individual interviews, as an aggregate figure: of a study (on Study) or of a study at one site (on SiteParticipation).""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    interview_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of individual interviews (interview_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when interview_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'interview_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    participant_count: Optional[int] = Field(default=None, description="""The number of participants, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of participants (participant_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_female: Optional[int] = Field(default=None, description="""The number of female participants, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'at-least-k'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_female_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of female participants (participant_count_female) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_female holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_female'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_male: Optional[int] = Field(default=None, description="""The number of male participants, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'at-least-k'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_male_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of male participants (participant_count_male) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_male holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_male'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_diverse: Optional[int] = Field(default=None, description="""The number of participants of another gender, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'at-least-k'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_diverse_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of participants of another gender (participant_count_diverse) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_diverse holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_diverse'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    age_mean: Optional[float] = Field(default=None, description="""The participants' mean age in years, as an aggregate figure.""", ge=0, le=120, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_mean_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the mean age (age_mean) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when age_mean holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'age_mean'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_min: Optional[int] = Field(default=None, description="""The youngest participant's age in years, as an aggregate figure.""", ge=0, le=120, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_min_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the minimum age (age_min) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when age_min holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'age_min'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_max: Optional[int] = Field(default=None, description="""The oldest participant's age in years, as an aggregate figure.""", ge=0, le=120, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_max_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the maximum age (age_max) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when age_max holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'age_max'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    duration_minutes_min: Optional[int] = Field(default=None, description="""The shortest focus group of the study in whole minutes, as an aggregate figure, for when a publication gives only the range of durations and not each group's duration.""", ge=1, le=1440, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    duration_minutes_min_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the shortest duration (duration_minutes_min) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when duration_minutes_min holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'duration_minutes_min'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    duration_minutes_max: Optional[int] = Field(default=None, description="""The longest focus group of the study in whole minutes, as an aggregate figure, for when a publication gives only the range of durations and not each group's duration.""", ge=1, le=1440, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    duration_minutes_max_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the longest duration (duration_minutes_max) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when duration_minutes_max holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'duration_minutes_max'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study']} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class EthicsApproval(Record):
    """
    An approval of a study by a research ethics committee, for one site or for all.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'uds:EthicsApproval',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'committee': {'name': 'committee', 'required': True},
                        'study': {'name': 'study', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    committee: str = Field(default=..., description="""The name of the ethics committee.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['EthicsApproval']} })
    reference_number: Optional[str] = Field(default=None, description="""The committee's reference number for the approval.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['EthicsApproval']} })
    site: Optional[str] = Field(default=None, description="""The study site this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'SiteParticipation',
                       'FocusGroup',
                       'Participant',
                       'Analyst'],
         'examples': [{'value': 'upsides:bu/site'}],
         'slot_uri': 'prov:atLocation'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Publication(Record):
    """
    A publication that reports results of a study.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'bibo:AcademicArticle',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'study': {'name': 'study', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    title: Optional[str] = Field(default=None, description="""A human-readable title.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'Publication', 'TopicGuide', 'Topic', 'Codebook'],
         'slot_uri': 'dcterms:title'} })
    doi: Optional[Annotated[str, StringConstraints(pattern=r"^10\.[0-9]{4,9}/\S+\n?$")]] = Field(default=None, description="""The Digital Object Identifier, without the resolver prefix.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Publication'],
         'examples': [{'value': '10.1186/s12888-022-04206-5'}],
         'slot_uri': 'bibo:doi'} })
    citation: Optional[str] = Field(default=None, description="""A full bibliographic citation.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Publication'],
         'slot_uri': 'dcterms:bibliographicCitation'} })
    licence: Optional[str] = Field(default=None, description="""The licence under which the data may be used, as an IRI.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'Publication'],
         'slot_uri': 'dcterms:license'} })
    licence_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the licence (licence) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when licence holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'licence'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'Publication']} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Funding(Record):
    """
    A grant or other award that funded a study.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'frapo:Grant',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'funder': {'name': 'funder', 'required': True},
                        'study': {'name': 'study', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    funder: str = Field(default=..., description="""The funding body.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Funding'],
         'slot_uri': 'schema:funder'} })
    grant_number: Optional[str] = Field(default=None, description="""The funder's identifier of the award.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Funding'],
         'slot_uri': 'schema:identifier'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class TopicGuide(Record):
    """
    The semi-structured guide that moderators follow: topics, each opened by a key question and followed by sub-questions.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'uds:TopicGuide',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'study': {'name': 'study', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    title: Optional[str] = Field(default=None, description="""A human-readable title.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'Publication', 'TopicGuide', 'Topic', 'Codebook'],
         'slot_uri': 'dcterms:title'} })
    guiding_framework: Optional[str] = Field(default=None, description="""The theoretical framework that guided the topic guide, for example the Consolidated Framework for Implementation Research (CFIR).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide']} })
    description: Optional[str] = Field(default=None, description="""A free-text account of the record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide', 'Topic', 'Codebook', 'Theme'],
         'slot_uri': 'dcterms:description'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Topic(Record):
    """
    A topic of a topic guide, such as collaboration with peer support workers.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'uds:Topic',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'title': {'name': 'title', 'required': True},
                        'topic_guide': {'name': 'topic_guide', 'required': True}}})

    topic_guide: str = Field(default=..., description="""The topic guide this record belongs to or follows.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Topic', 'FocusGroup']} })
    position: Optional[int] = Field(default=None, description="""The 1-based order of the record among its siblings.""", ge=1, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Topic', 'Question', 'Code', 'Theme']} })
    title: str = Field(default=..., description="""A human-readable title.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'Publication', 'TopicGuide', 'Topic', 'Codebook'],
         'slot_uri': 'dcterms:title'} })
    description: Optional[str] = Field(default=None, description="""A free-text account of the record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide', 'Topic', 'Codebook', 'Theme'],
         'slot_uri': 'dcterms:description'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Question(Record):
    """
    A key question or sub-question of a topic.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'uds:Question',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'kind': {'name': 'kind', 'required': True},
                        'text': {'description': 'The wording of the question.',
                                 'name': 'text',
                                 'required': True},
                        'topic': {'name': 'topic', 'required': True}}})

    topic: str = Field(default=..., description="""The topic this record belongs to or derives from.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Question']} })
    kind: QuestionKind = Field(default=..., description="""Whether a question is a key question or a sub-question.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Question']} })
    position: Optional[int] = Field(default=None, description="""The 1-based order of the record among its siblings.""", ge=1, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Topic', 'Question', 'Code', 'Theme']} })
    text: str = Field(default=..., description="""The wording of the question.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Question', 'Transcript', 'Quote', 'Memo']} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Site(Record):
    """
    A study site: the mental health service where focus groups took place. Its label is the short form used in published quote labels (for example \"BGU\" in \"BGU 97\"). The site record is its identity and is the same, byte for byte, in every study's package; what differs between studies (the city, the period, the counts, the income classification) lives on the SiteParticipation of each study, so two studies sharing a site merge without conflict.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'class_uri': 'schema:Place',
         'close_mappings': ['prov:Location'],
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'country': {'name': 'country', 'required': True},
                        'label': {'description': 'The short site label used in '
                                                 'published quote labels, such as Ulm, '
                                                 'UKE, BU, DS, BGU or AD.',
                                  'examples': [{'value': 'BU'}],
                                  'name': 'label',
                                  'pattern': '^[A-Za-z][A-Za-z0-9]*$',
                                  'required': True},
                        'name': {'name': 'name', 'required': True}}})

    label: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]*\n?$")] = Field(default=..., description="""The short site label used in published quote labels, such as Ulm, UKE, BU, DS, BGU or AD.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site', 'Code', 'Theme', 'Quote', 'EvidenceReference'],
         'examples': [{'value': 'BU'}],
         'slot_uri': 'rdfs:label'} })
    name: str = Field(default=..., description="""The full name.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site'],
         'slot_uri': 'schema:name'} })
    city: Optional[str] = Field(default=None, description="""The city or town. On a Site, its usual city; on a SiteParticipation, where that study's data were collected.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site', 'SiteParticipation'],
         'slot_uri': 'schema:addressLocality'} })
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}\n?$")] = Field(default=..., description="""The country, as an ISO 3166-1 alpha-2 code.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site', 'IncomeClassification'],
         'slot_uri': 'schema:addressCountry'} })
    institution: Optional[str] = Field(default=None, description="""The institution that runs the site's services or hosts its research team.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site'],
         'slot_uri': 'schema:parentOrganization'} })
    urbanicity: Optional[Urbanicity] = Field(default=None, description="""Whether the site serves an urban or rural area.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site']} })
    service_settings: Optional[list[ServiceSetting]] = Field(default=None, description="""The kinds of mental health services the site provides.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site'],
         'singular_name': 'service_setting'} })
    peer_support_since: Optional[int] = Field(default=None, description="""The year from which formal peer support has existed at the site, where known.""", ge=1900, le=2100, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site']} })
    peer_support_programme: Optional[str] = Field(default=None, description="""The peer support programme or tradition the site follows, for example Ex-In or consumers-as-providers.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site']} })
    peer_support_tradition: Optional[str] = Field(default=None, description="""A free-text account of the site's history with peer support.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site']} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class IncomeClassification(Record):
    """
    The World Bank income group of a country for one fiscal year. A country's group can change (Tanzania was low income in FY2020 and lower-middle income from FY2021), so a study refers to the classification in force when its data were collected, never to a fixed group of a site.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'class_uri': 'uds:IncomeClassification',
         'exactly_one_of': [{'description': 'fiscal_year holds a value.',
                             'slot_conditions': {'fiscal_year': {'name': 'fiscal_year',
                                                                 'required': True}}},
                            {'description': 'fiscal_year_absent_reason says why '
                                            'fiscal_year is empty.',
                             'slot_conditions': {'fiscal_year_absent_reason': {'name': 'fiscal_year_absent_reason',
                                                                               'required': True}}}],
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'country': {'name': 'country', 'required': True},
                        'fiscal_year': {'description': 'The World Bank fiscal year of '
                                                       'the classification; when a '
                                                       'publication names the group '
                                                       'but not the year, '
                                                       'fiscal_year_absent_reason says '
                                                       'why (rule value-or-reason).',
                                        'name': 'fiscal_year'},
                        'income_group': {'name': 'income_group', 'required': True},
                        'source': {'name': 'source', 'required': True}}})

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}\n?$")] = Field(default=..., description="""The country, as an ISO 3166-1 alpha-2 code.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site', 'IncomeClassification'],
         'slot_uri': 'schema:addressCountry'} })
    income_group: IncomeGroup = Field(default=..., description="""The World Bank income group.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['IncomeClassification']} })
    fiscal_year: Optional[int] = Field(default=None, description="""The World Bank fiscal year of the classification; when a publication names the group but not the year, fiscal_year_absent_reason says why (rule value-or-reason).""", ge=1987, le=2100, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['IncomeClassification']} })
    fiscal_year_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the fiscal year of the income classification (fiscal_year) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when fiscal_year holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'fiscal_year'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['IncomeClassification']} })
    source: str = Field(default=..., description="""The source of the record, as a citation or IRI.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['IncomeClassification'],
         'slot_uri': 'dcterms:source'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class SiteParticipation(Record):
    """
    That a site took part in a study, and what is true of the site in that study only: the city where the study's data were collected (the Indian site: Ahmedabad in the 2019 study, Pune in the later ones), the period, the number of focus groups and participants at the site when a publication splits them by site, and the income classification in force during data collection. Its id carries the study: upsides:SITE/participation-STUDY.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'class_uri': 'uds:SiteParticipation',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'participant_count': {'annotations': {'added_in': {'tag': 'added_in',
                                                                           'value': '1.1.0'}},
                                              'description': 'The number of the '
                                                             "study's participants at "
                                                             'the site, as an '
                                                             'aggregate figure.',
                                              'name': 'participant_count'},
                        'participant_count_diverse': {'annotations': {'added_in': {'tag': 'added_in',
                                                                                   'value': '1.1.0'}},
                                                      'description': 'The number of '
                                                                     "the study's "
                                                                     'participants of '
                                                                     'another gender '
                                                                     'at the site.',
                                                      'name': 'participant_count_diverse'},
                        'participant_count_female': {'annotations': {'added_in': {'tag': 'added_in',
                                                                                  'value': '1.1.0'}},
                                                     'description': 'The number of the '
                                                                    "study's female "
                                                                    'participants at '
                                                                    'the site.',
                                                     'name': 'participant_count_female'},
                        'participant_count_male': {'annotations': {'added_in': {'tag': 'added_in',
                                                                                'value': '1.1.0'}},
                                                   'description': 'The number of the '
                                                                  "study's male "
                                                                  'participants at the '
                                                                  'site.',
                                                   'name': 'participant_count_male'},
                        'period_end': {'annotations': {'added_in': {'tag': 'added_in',
                                                                    'value': '1.1.0'}},
                                       'description': 'When data collection ended at '
                                                      'the site for the study.',
                                       'name': 'period_end'},
                        'period_start': {'annotations': {'added_in': {'tag': 'added_in',
                                                                      'value': '1.1.0'}},
                                         'description': 'When data collection began at '
                                                        'the site for the study.',
                                         'name': 'period_start'},
                        'site': {'name': 'site', 'required': True},
                        'study': {'name': 'study', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    site: str = Field(default=..., description="""The study site this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'SiteParticipation',
                       'FocusGroup',
                       'Participant',
                       'Analyst'],
         'examples': [{'value': 'upsides:bu/site'}],
         'slot_uri': 'prov:atLocation'} })
    income_classification: Optional[str] = Field(default=None, description="""The income classification in force for the site's country during data collection.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['SiteParticipation'],
         'examples': [{'description': "Uganda in the World Bank's fiscal year 2020 "
                                      '(upsides init writes it)',
                       'value': 'upsides:worldbank/UG-FY2020'}]} })
    income_classification_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the income classification (income_classification) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when income_classification holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'income_classification'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['SiteParticipation']} })
    city: Optional[str] = Field(default=None, description="""The city or town. On a Site, its usual city; on a SiteParticipation, where that study's data were collected.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Site', 'SiteParticipation'],
         'slot_uri': 'schema:addressLocality'} })
    city_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the city (city) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when city holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'city'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['SiteParticipation']} })
    period_start: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""When data collection began at the site for the study.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'}},
         'domain_of': ['Study', 'SiteParticipation'],
         'slot_uri': 'dcat:startDate'} })
    period_start_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the start of data collection (period_start) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when period_start holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'period_start'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    period_end: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""When data collection ended at the site for the study.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'}},
         'domain_of': ['Study', 'SiteParticipation'],
         'slot_uri': 'dcat:endDate'} })
    period_end_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the end of data collection (period_end) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when period_end holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'period_end'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    focus_group_count: Optional[int] = Field(default=None, description="""The number of focus groups, as an aggregate figure: of a study (on Study) or of a study at one site (on SiteParticipation). It may be published without a per-site split.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    focus_group_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of focus groups (focus_group_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when focus_group_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'focus_group_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    interview_count: Optional[int] = Field(default=None, description="""The number of individual interviews, as an aggregate figure: of a study (on Study) or of a study at one site (on SiteParticipation).""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    interview_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of individual interviews (interview_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when interview_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'interview_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation']} })
    participant_count: Optional[int] = Field(default=None, description="""The number of the study's participants at the site, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of participants (participant_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_female: Optional[int] = Field(default=None, description="""The number of the study's female participants at the site.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_female_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of female participants (participant_count_female) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_female holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_female'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_male: Optional[int] = Field(default=None, description="""The number of the study's male participants at the site.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_male_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of male participants (participant_count_male) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_male holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_male'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_diverse: Optional[int] = Field(default=None, description="""The number of the study's participants of another gender at the site.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_diverse_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of participants of another gender (participant_count_diverse) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_diverse holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_diverse'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class FocusGroup(Record):
    """
    One moderated group discussion (or, with session_format interview, one individual interview). Aggregate participant figures hold what a publication reports when individual participant rows are withheld. A group whose site is known lives in that site's package with an id in the site's scope; a group whose site a publication does not give has site_absent_reason instead and lives in the study's codebook package with an id in the study's scope (upsides:psw-2024/fg-1), so groups of two studies never collide.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'kinds_added_in': {'tag': 'kinds_added_in',
                                            'value': 'codebook 1.1.0'},
                         'package': {'tag': 'package', 'value': 'site codebook'}},
         'broad_mappings': ['prov:Activity', 'schema:Event'],
         'class_uri': 'uds:FocusGroup',
         'exactly_one_of': [{'description': 'site holds a value.',
                             'slot_conditions': {'site': {'name': 'site',
                                                          'required': True}}},
                            {'description': 'site_absent_reason says why site is '
                                            'empty.',
                             'slot_conditions': {'site_absent_reason': {'name': 'site_absent_reason',
                                                                        'required': True}}}],
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'age_max': {'annotations': {'disclosure_public': {'tag': 'disclosure_public',
                                                                          'value': 'withheld'}},
                                    'name': 'age_max'},
                        'age_mean': {'annotations': {'disclosure_public': {'tag': 'disclosure_public',
                                                                           'value': 'withheld'}},
                                     'name': 'age_mean'},
                        'age_min': {'annotations': {'disclosure_public': {'tag': 'disclosure_public',
                                                                          'value': 'withheld'}},
                                    'name': 'age_min'},
                        'site': {'description': 'The study site the focus group '
                                                'belongs to; when a publication gives '
                                                'no per-site split, site_absent_reason '
                                                'says why (rule value-or-reason).',
                                 'name': 'site'},
                        'study': {'name': 'study', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    site: Optional[str] = Field(default=None, description="""The study site the focus group belongs to; when a publication gives no per-site split, site_absent_reason says why (rule value-or-reason).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'SiteParticipation',
                       'FocusGroup',
                       'Participant',
                       'Analyst'],
         'examples': [{'value': 'upsides:bu/site'}],
         'slot_uri': 'prov:atLocation'} })
    site_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the site (site) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when site holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'site'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup']} })
    session_format: Optional[SessionFormat] = Field(default=None, description="""Whether the session was a focus group or an individual interview; empty means a focus group, as in every 1.0 package. Interview studies use the same records (a FocusGroup with session_format interview and one participant).""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup']} })
    held_on: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""The date the focus group was held, at the precision the source gives.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup'],
         'slot_uri': 'dcterms:date'} })
    held_on_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the date of the focus group (held_on) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when held_on holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'held_on'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup']} })
    duration_minutes: Optional[int] = Field(default=None, description="""How long the focus group lasted, in whole minutes.""", ge=1, le=1440, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup']} })
    duration_minutes_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the duration (duration_minutes) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when duration_minutes holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'duration_minutes'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup']} })
    languages: Optional[list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\n?$")]]] = Field(default=None, description="""The languages spoken, as BCP 47 tags.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['FocusGroup'],
         'singular_name': 'language',
         'slot_uri': 'dcterms:language'} })
    venue: Optional[str] = Field(default=None, description="""Where the focus group took place, described without identifying detail.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['FocusGroup'],
         'slot_uri': 'schema:location'} })
    moderator: Optional[str] = Field(default=None, description="""The research team member who moderated, by pseudonymous record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['FocusGroup']} })
    assistant: Optional[str] = Field(default=None, description="""The research team member who assisted the moderator, by pseudonymous record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['FocusGroup']} })
    population: Optional[Population] = Field(default=None, description="""The group of people the study or focus group addresses (workers, peer workers, service users, carers, managers, a mix, or another population named in the notes).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    topic_guide: Optional[str] = Field(default=None, description="""The topic guide this record belongs to or follows.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Topic', 'FocusGroup']} })
    participant_count: Optional[int] = Field(default=None, description="""The number of participants, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of participants (participant_count) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_female: Optional[int] = Field(default=None, description="""The number of female participants, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'at-least-k'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_female_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of female participants (participant_count_female) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_female holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_female'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_male: Optional[int] = Field(default=None, description="""The number of male participants, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'at-least-k'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_male_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of male participants (participant_count_male) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_male holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_male'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_diverse: Optional[int] = Field(default=None, description="""The number of participants of another gender, as an aggregate figure.""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'aggregate'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'at-least-k'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    participant_count_diverse_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the number of participants of another gender (participant_count_diverse) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when participant_count_diverse holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'participant_count_diverse'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'SiteParticipation', 'FocusGroup']} })
    age_mean: Optional[float] = Field(default=None, description="""The participants' mean age in years, as an aggregate figure.""", ge=0, le=120, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'withheld'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_mean_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the mean age (age_mean) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when age_mean holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'age_mean'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_min: Optional[int] = Field(default=None, description="""The youngest participant's age in years, as an aggregate figure.""", ge=0, le=120, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'withheld'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_min_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the minimum age (age_min) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when age_min holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'age_min'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_max: Optional[int] = Field(default=None, description="""The oldest participant's age in years, as an aggregate figure.""", ge=0, le=120, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'withheld'}},
         'domain_of': ['Study', 'FocusGroup']} })
    age_max_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the maximum age (age_max) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when age_max holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'age_max'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study', 'FocusGroup']} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Transcript(Record):
    """
    The written record of a focus group: how it was transcribed, anonymised and translated, and, in restricted packages only, its full text.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'broad_mappings': ['prov:Entity'],
         'class_uri': 'uds:Transcript',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'access_level': {'name': 'access_level', 'required': True},
                        'focus_group': {'name': 'focus_group', 'required': True},
                        'text': {'description': 'The full transcript text in the '
                                                'analysis language (UTF-8, LF line '
                                                'ends). Character offsets of quotes '
                                                'and codings count Unicode code points '
                                                'from 0 in this text. Allowed only in '
                                                'restricted packages.',
                                 'name': 'text'}}})

    focus_group: str = Field(default=..., description="""The focus group this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Transcript'],
         'slot_uri': 'prov:wasDerivedFrom'} })
    original_language: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\n?$")]] = Field(default=None, description="""The language the focus group was held in, as a BCP 47 tag.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript', 'Quote']} })
    access_level: AccessLevel = Field(default=..., description="""Who may receive this record or package.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript', 'PackageSource'],
         'slot_uri': 'dcterms:accessRights'} })
    transcription_method: Optional[TranscriptionMethod] = Field(default=None, description="""How the recording was transcribed.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript']} })
    checked_against_recording: Optional[bool] = Field(default=None, description="""Whether the transcript was checked against the audio recording.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript']} })
    checked_by_role: Optional[TeamRole] = Field(default=None, description="""The role of who checked the transcript against the recording, for example moderator.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript']} })
    translation_method: Optional[TranslationMethod] = Field(default=None, description="""How the transcript was translated into the analysis language.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript']} })
    translation_target_language: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\n?$")]] = Field(default=None, description="""The language of the translation, as a BCP 47 tag.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript']} })
    translator_role: Optional[str] = Field(default=None, description="""Who translated, as a role and never a name, for example \"bilingual speaker at the site\".""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Transcript']} })
    translation_checked_by: Optional[str] = Field(default=None, description="""Who checked the translation, as a role and never a name, for example \"two researchers of the translation team\".""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Transcript']} })
    anonymisation_applied: Optional[bool] = Field(default=None, description="""Whether personal information was removed or replaced before the transcript was shared.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript']} })
    anonymisation_method: Optional[str] = Field(default=None, description="""How the transcript was anonymised, for example \"personal information deleted or replaced with participant numbers\".""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Transcript']} })
    text: Optional[str] = Field(default=None, description="""The full transcript text in the analysis language (UTF-8, LF line ends). Character offsets of quotes and codings count Unicode code points from 0 in this text. Allowed only in restricted packages.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Question', 'Transcript', 'Quote', 'Memo']} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Participant(Record):
    """
    A focus group participant, known by a pseudonymous identifier. Age is a band in public packages; exact years are allowed only at the restricted access level.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'broad_mappings': ['prov:Person'],
         'class_uri': 'uds:Participant',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'role': {'name': 'role', 'required': True},
                        'site': {'annotations': {'disclosure': {'tag': 'disclosure',
                                                                'value': 'quasi-identifier'}},
                                 'name': 'site',
                                 'required': True}}})

    site: str = Field(default=..., description="""The study site this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'}},
         'domain_of': ['EthicsApproval',
                       'SiteParticipation',
                       'FocusGroup',
                       'Participant',
                       'Analyst'],
         'examples': [{'value': 'upsides:bu/site'}],
         'slot_uri': 'prov:atLocation'} })
    role: ParticipantRole = Field(default=..., description="""The participant's role in the mental health service.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'}},
         'domain_of': ['Participant']} })
    gender: Optional[Gender] = Field(default=None, description="""The participant's self-reported gender.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'}},
         'domain_of': ['Participant'],
         'slot_uri': 'schema:gender'} })
    age_band: Optional[AgeBand] = Field(default=None, description="""The participant's age band.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'}},
         'domain_of': ['Participant']} })
    age_years: Optional[int] = Field(default=None, description="""The participant's exact age in years. Only allowed in restricted packages.""", ge=16, le=100, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'withheld'},
                         'generalised_to': {'tag': 'generalised_to',
                                            'value': 'age_band'}},
         'domain_of': ['Participant']} })
    profession: Optional[Profession] = Field(default=None, description="""The participant's professional background.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'}},
         'domain_of': ['Participant']} })
    years_experience: Optional[int] = Field(default=None, description="""Years of professional experience in mental health care.""", ge=0, le=70, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'},
                         'disclosure_public': {'tag': 'disclosure_public',
                                               'value': 'withheld'}},
         'domain_of': ['Participant']} })
    prior_peer_support_experience: Optional[bool] = Field(default=None, description="""Whether the participant had worked with peer support before (the questionnaire's yes/no).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'sensitive'}},
         'domain_of': ['Participant']} })
    focus_groups_attended: Optional[list[str]] = Field(default=None, description="""The focus groups the participant took part in.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Participant'],
         'singular_name': 'focus_group'} })
    consent_recorded: Optional[bool] = Field(default=None, description="""Whether the participant's informed consent is on record at the site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Participant']} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Analyst(Record):
    """
    A member of a research team (moderator, assistant, coder, translator, analyst), known by a pseudonym or initials as published, never by a full name.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook site'}},
         'class_uri': 'prov:Agent',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'pseudonym': {'name': 'pseudonym', 'required': True}}})

    pseudonym: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}\n?$")] = Field(default=..., description="""A pseudonym or published initials, such as \"SK\"; never a full name.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Analyst'],
         'examples': [{'value': 'SK'}],
         'slot_uri': 'foaf:nick'} })
    team_roles: Optional[list[TeamRole]] = Field(default=None, description="""The roles the team member held.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Analyst'],
         'singular_name': 'team_role'} })
    site: Optional[str] = Field(default=None, description="""The study site this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'SiteParticipation',
                       'FocusGroup',
                       'Participant',
                       'Analyst'],
         'examples': [{'value': 'upsides:bu/site'}],
         'slot_uri': 'prov:atLocation'} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Codebook(Record):
    """
    The consortium's shared codebook: the codes and themes every site codes with. It is shipped as a package of its own and referred to by name and version from site packages.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'skos:ConceptScheme',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'title': {'name': 'title', 'required': True},
                        'version': {'name': 'version', 'required': True}}})

    title: str = Field(default=..., description="""A human-readable title.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'Publication', 'TopicGuide', 'Topic', 'Codebook'],
         'slot_uri': 'dcterms:title'} })
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+\n?$")] = Field(default=..., description="""The version of the record, as a semantic version (MAJOR.MINOR.PATCH).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Codebook'],
         'examples': [{'value': '1.0.0'}],
         'slot_uri': 'schema:version'} })
    study: Optional[str] = Field(default=None, description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    description: Optional[str] = Field(default=None, description="""A free-text account of the record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide', 'Topic', 'Codebook', 'Theme'],
         'slot_uri': 'dcterms:description'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Code(Record):
    """
    A code of the codebook tree, applied to transcript spans.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'skos:Concept',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'codebook': {'name': 'codebook', 'required': True},
                        'label': {'name': 'label', 'required': True},
                        'parent': {'description': 'The broader code this code sits '
                                                  'under in the codebook tree.',
                                   'name': 'parent',
                                   'range': 'Code'}}})

    codebook: str = Field(default=..., description="""The codebook this code or theme belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Code', 'Theme'],
         'slot_uri': 'skos:inScheme'} })
    label: str = Field(default=..., description="""A short human-readable name.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site', 'Code', 'Theme', 'Quote', 'EvidenceReference'],
         'slot_uri': 'rdfs:label'} })
    parent: Optional[str] = Field(default=None, description="""The broader code this code sits under in the codebook tree.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Code', 'Theme'],
         'slot_uri': 'skos:broader'} })
    definition: Optional[str] = Field(default=None, description="""When to apply the code.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Code'],
         'slot_uri': 'skos:definition'} })
    derived_from_topic: Optional[str] = Field(default=None, description="""The topic guide topic the code was derived from, where it was.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Code'],
         'slot_uri': 'prov:wasDerivedFrom'} })
    position: Optional[int] = Field(default=None, description="""The 1-based order of the record among its siblings.""", ge=1, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Topic', 'Question', 'Code', 'Theme']} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Theme(Record):
    """
    A theme of the analysis, in a hierarchy of any depth (main theme, subtheme, sub-subtheme), grouping codes.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'skos:Concept',
         'exactly_one_of': [{'description': 'label holds a value.',
                             'slot_conditions': {'label': {'name': 'label',
                                                           'required': True}}},
                            {'description': 'label_absent_reason says why label is '
                                            'empty.',
                             'slot_conditions': {'label_absent_reason': {'name': 'label_absent_reason',
                                                                         'required': True}}}],
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'codebook': {'name': 'codebook', 'required': True},
                        'label': {'description': "The theme's name; when a publication "
                                                 'counts a theme without naming it, '
                                                 'label_absent_reason says why (rule '
                                                 'value-or-reason).',
                                  'name': 'label'},
                        'parent': {'description': 'The broader theme this theme is a '
                                                  'subtheme of; empty for a main '
                                                  'theme.',
                                   'name': 'parent',
                                   'range': 'Theme'}}})

    codebook: str = Field(default=..., description="""The codebook this code or theme belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Code', 'Theme'],
         'slot_uri': 'skos:inScheme'} })
    label: Optional[str] = Field(default=None, description="""The theme's name; when a publication counts a theme without naming it, label_absent_reason says why (rule value-or-reason).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site', 'Code', 'Theme', 'Quote', 'EvidenceReference'],
         'slot_uri': 'rdfs:label'} })
    label_absent_reason: Optional[AbsenceReason] = Field(default=None, description="""Why the label (for example a sub-theme a publication counts but does not name) (label) is empty: not-reported, not-applicable, withheld-for-disclosure or unknown. Empty when label holds a value.""", json_schema_extra = { "linkml_meta": {'annotations': {'absent_reason_for': {'tag': 'absent_reason_for',
                                               'value': 'label'},
                         'added_in': {'tag': 'added_in', 'value': '1.1.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Theme']} })
    parent: Optional[str] = Field(default=None, description="""The broader theme this theme is a subtheme of; empty for a main theme.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Code', 'Theme'],
         'slot_uri': 'skos:broader'} })
    description: Optional[str] = Field(default=None, description="""A free-text account of the record.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study', 'TopicGuide', 'Topic', 'Codebook', 'Theme'],
         'slot_uri': 'dcterms:description'} })
    codes: Optional[list[str]] = Field(default=None, description="""Codes this record groups or is coded with.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Theme', 'Quote', 'EvidenceReference'],
         'singular_name': 'code'} })
    position: Optional[int] = Field(default=None, description="""The 1-based order of the record among its siblings.""", ge=1, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Topic', 'Question', 'Code', 'Theme']} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Quote(Record):
    """
    A verbatim passage of a transcript (in English, the analysis language) reported in support of themes, with its published location label such as \"Ulm 108\" (site label and transcript chapter number).
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'class_uri': 'oa:Annotation',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'label': {'description': 'The published location label, such '
                                                 'as "BGU 97".',
                                  'examples': [{'value': 'BGU 97'}],
                                  'name': 'label',
                                  'pattern': '^[A-Za-z][A-Za-z0-9]* [0-9]+$'},
                        'text': {'description': "The quote's verbatim text in the "
                                                'analysis language (English).',
                                 'name': 'text',
                                 'required': True},
                        'transcript': {'name': 'transcript', 'required': True}}})

    transcript: str = Field(default=..., description="""The transcript this record comes from.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Quote', 'EvidenceReference', 'Coding']} })
    text: str = Field(default=..., description="""The quote's verbatim text in the analysis language (English).""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Question', 'Transcript', 'Quote', 'Memo']} })
    original_text: Optional[str] = Field(default=None, description="""The quote in the language it was spoken, where the site shares it.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Quote']} })
    original_language: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\n?$")]] = Field(default=None, description="""The language the focus group was held in, as a BCP 47 tag.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript', 'Quote']} })
    label: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]* [0-9]+\n?$")]] = Field(default=None, description="""The published location label, such as \"BGU 97\".""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site', 'Code', 'Theme', 'Quote', 'EvidenceReference'],
         'examples': [{'value': 'BGU 97'}],
         'slot_uri': 'rdfs:label'} })
    label_site: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]*\n?$")]] = Field(default=None, description="""The site label part of the published location label (\"BGU\" in \"BGU 97\").""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Quote', 'EvidenceReference'],
         'examples': [{'value': 'BGU'}]} })
    label_chapter: Optional[int] = Field(default=None, description="""The transcript chapter number part of the published location label (97 in \"BGU 97\").""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Quote', 'EvidenceReference']} })
    speaker: Optional[str] = Field(default=None, description="""The participant who said the quote, where known.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Quote']} })
    speaker_role: Optional[ParticipantRole] = Field(default=None, description="""The speaker's role, where the participant is not identified.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure',
                                        'value': 'quasi-identifier'}},
         'domain_of': ['Quote']} })
    start_offset: Optional[int] = Field(default=None, description="""Where the span starts in the transcript text, in Unicode code points from 0 (inclusive).""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Quote', 'Coding']} })
    end_offset: Optional[int] = Field(default=None, description="""Where the span ends in the transcript text, in Unicode code points (exclusive).""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Quote', 'Coding']} })
    themes: Optional[list[str]] = Field(default=None, description="""Themes this record is reported under.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Quote', 'EvidenceReference'],
         'singular_name': 'theme'} })
    codes: Optional[list[str]] = Field(default=None, description="""Codes this record groups or is coded with.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Theme', 'Quote', 'EvidenceReference'],
         'singular_name': 'code'} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class EvidenceReference(Record):
    """
    A citation-only reference such as \"(DS 12)\": a transcript location cited in support of a statement, with no verbatim text published.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'class_uri': 'uds:EvidenceReference',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'label': {'description': 'The published location label, such '
                                                 'as "DS 12".',
                                  'examples': [{'value': 'DS 12'}],
                                  'name': 'label',
                                  'pattern': '^[A-Za-z][A-Za-z0-9]* [0-9]+$',
                                  'required': True},
                        'transcript': {'name': 'transcript', 'required': True}}})

    transcript: str = Field(default=..., description="""The transcript this record comes from.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Quote', 'EvidenceReference', 'Coding']} })
    label: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]* [0-9]+\n?$")] = Field(default=..., description="""The published location label, such as \"DS 12\".""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Site', 'Code', 'Theme', 'Quote', 'EvidenceReference'],
         'examples': [{'value': 'DS 12'}],
         'slot_uri': 'rdfs:label'} })
    label_site: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]*\n?$")]] = Field(default=None, description="""The site label part of the published location label (\"BGU\" in \"BGU 97\").""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Quote', 'EvidenceReference'],
         'examples': [{'value': 'BGU'}]} })
    label_chapter: Optional[int] = Field(default=None, description="""The transcript chapter number part of the published location label (97 in \"BGU 97\").""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Quote', 'EvidenceReference']} })
    statement: Optional[str] = Field(default=None, description="""The statement of the publication that the reference supports.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['EvidenceReference']} })
    themes: Optional[list[str]] = Field(default=None, description="""Themes this record is reported under.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Quote', 'EvidenceReference'],
         'singular_name': 'theme'} })
    codes: Optional[list[str]] = Field(default=None, description="""Codes this record groups or is coded with.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Theme', 'Quote', 'EvidenceReference'],
         'singular_name': 'code'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Coding(Record):
    """
    The application of one code to a span of a transcript by a coder.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'site'}},
         'broad_mappings': ['prov:Activity'],
         'class_uri': 'uds:Coding',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'code': {'name': 'code', 'required': True},
                        'transcript': {'name': 'transcript', 'required': True}}})

    code: str = Field(default=..., description="""The code applied.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Coding']} })
    transcript: str = Field(default=..., description="""The transcript this record comes from.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Quote', 'EvidenceReference', 'Coding']} })
    start_offset: Optional[int] = Field(default=None, description="""Where the span starts in the transcript text, in Unicode code points from 0 (inclusive).""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Quote', 'Coding']} })
    end_offset: Optional[int] = Field(default=None, description="""Where the span ends in the transcript text, in Unicode code points (exclusive).""", ge=0, json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Quote', 'Coding']} })
    coder: Optional[str] = Field(default=None, description="""The team member who applied the code.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Coding'],
         'slot_uri': 'prov:wasAssociatedWith'} })
    coded_on: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""The date the code was applied, at the precision the source gives.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Coding'],
         'slot_uri': 'dcterms:date'} })
    quote: Optional[str] = Field(default=None, description="""The quote this coding produced, where it produced one.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Coding']} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Memo(Record):
    """
    An analyst's note about a code, a theme or a quote, written during the analysis.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook site'}},
         'class_uri': 'uds:Memo',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'text': {'description': "The memo's text.",
                                 'name': 'text',
                                 'required': True}}})

    author: Optional[str] = Field(default=None, description="""The team member who wrote the memo.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Memo'],
         'slot_uri': 'dcterms:creator'} })
    about_code: Optional[str] = Field(default=None, description="""The code the memo is about.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Memo']} })
    about_theme: Optional[str] = Field(default=None, description="""The theme the memo is about.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Memo']} })
    about_quote: Optional[str] = Field(default=None, description="""The quote the memo is about.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Memo']} })
    text: str = Field(default=..., description="""The memo's text.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Question', 'Transcript', 'Quote', 'Memo']} })
    written_on: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\n?$")]] = Field(default=None, description="""The date the memo was written, at the precision the source gives.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Memo'],
         'slot_uri': 'dcterms:created'} })
    synthetic: Optional[bool] = Field(default=None, description="""True when the record was generated by software and describes no real person, event or site.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Study',
                       'Site',
                       'FocusGroup',
                       'Transcript',
                       'Participant',
                       'Analyst',
                       'Quote',
                       'Coding',
                       'Memo'],
         'slot_uri': 'uds:synthetic'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class Finding(Record):
    """
    A cross-site comparison statement of the results: a theme, the sites it holds for, and the quotes and evidence references that support it.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'package': {'tag': 'package', 'value': 'codebook'}},
         'class_uri': 'uds:Finding',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'study': {'name': 'study', 'required': True},
                        'summary': {'name': 'summary', 'required': True}}})

    study: str = Field(default=..., description="""The study this record belongs to.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['EthicsApproval',
                       'Publication',
                       'Funding',
                       'TopicGuide',
                       'SiteParticipation',
                       'FocusGroup',
                       'Codebook',
                       'Finding'],
         'examples': [{'value': 'upsides:mhw-2019/study'}],
         'slot_uri': 'dcterms:isPartOf'} })
    theme: Optional[str] = Field(default=None, description="""The theme the finding concerns.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Finding']} })
    summary: str = Field(default=..., description="""The finding, as stated in the results.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Finding']} })
    sites: Optional[list[str]] = Field(default=None, description="""The sites the finding holds for.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Finding'],
         'singular_name': 'site'} })
    quotes: Optional[list[str]] = Field(default=None, description="""The quotes that support the finding.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Finding'],
         'singular_name': 'quote'} })
    evidence_references: Optional[list[str]] = Field(default=None, description="""The citation-only evidence references that support the finding.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Dataset', 'Finding'],
         'singular_name': 'evidence_reference'} })
    notes: Optional[str] = Field(default=None, description="""Free-text remarks on the record, for example on how a value was derived from its source.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['Study',
                       'EthicsApproval',
                       'Funding',
                       'Site',
                       'SiteParticipation',
                       'FocusGroup',
                       'Transcript',
                       'Quote',
                       'EvidenceReference',
                       'Finding'],
         'slot_uri': 'skos:note'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


class PackageSource(Record):
    """
    One site, codebook or consortium input package merged into a consortium package, named by the package name and version of its datapackage.json, with the identifiers of the records it held. A record held by several input packages with identical content is stored once and listed under each of them.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'},
                         'package': {'tag': 'package', 'value': 'consortium'}},
         'broad_mappings': ['prov:Entity'],
         'class_uri': 'uds:PackageSource',
         'from_schema': 'https://w3id.org/upsides-data/schema',
         'slot_usage': {'access_level': {'name': 'access_level', 'required': True},
                        'package_kind': {'name': 'package_kind', 'required': True},
                        'package_name': {'name': 'package_name', 'required': True},
                        'package_version': {'name': 'package_version',
                                            'required': True}}})

    package_name: str = Field(default=..., description="""The name of an input package, as in its datapackage.json.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'free-text'}},
         'domain_of': ['PackageSource'],
         'slot_uri': 'schema:name'} })
    package_version: str = Field(default=..., description="""The version of an input package, as in its datapackage.json.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['PackageSource'],
         'slot_uri': 'schema:version'} })
    package_kind: PackageKind = Field(default=..., description="""The kind of an input package.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['PackageSource']} })
    access_level: AccessLevel = Field(default=..., description="""Who may receive this record or package.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['Transcript', 'PackageSource'],
         'slot_uri': 'dcterms:accessRights'} })
    standard_version: Optional[str] = Field(default=None, description="""The version of the UPSIDES standard a package conforms to.""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'none'}},
         'domain_of': ['PackageSource']} })
    records: Optional[list[str]] = Field(default=None, description="""The identifiers of the records an input package held (rows of link tables belong to the record that owns them).""", json_schema_extra = { "linkml_meta": {'annotations': {'added_in': {'tag': 'added_in', 'value': '1.0.0'},
                         'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['PackageSource'],
         'singular_name': 'record',
         'slot_uri': 'dcterms:hasPart'} })
    id: Annotated[str, StringConstraints(pattern=r"^(?:upsides:[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*)\n?$")] = Field(default=..., description="""The record's identifier: a CURIE \"upsides:SCOPE/LOCAL\" where SCOPE is the lower-case scope of the site or study that made the record (for example \"ulm\" or \"mhw-2019\") and LOCAL is unique within that scope.""", json_schema_extra = { "linkml_meta": {'annotations': {'disclosure': {'tag': 'disclosure', 'value': 'identifier'}},
         'domain_of': ['Record'],
         'exact_mappings': ['dcterms:identifier'],
         'examples': [{'description': 'the record fg-1 made by the site whose scope is '
                                      'bu',
                       'value': 'upsides:bu/fg-1'}],
         'structured_pattern': {'interpolated': True,
                                'syntax': 'upsides:{scope}/{local}'}} })


# Model rebuild
# see https://pydantic-docs.helpmanual.io/usage/models/#rebuilding-a-model
Dataset.model_rebuild()
Record.model_rebuild()
Study.model_rebuild()
EthicsApproval.model_rebuild()
Publication.model_rebuild()
Funding.model_rebuild()
TopicGuide.model_rebuild()
Topic.model_rebuild()
Question.model_rebuild()
Site.model_rebuild()
IncomeClassification.model_rebuild()
SiteParticipation.model_rebuild()
FocusGroup.model_rebuild()
Transcript.model_rebuild()
Participant.model_rebuild()
Analyst.model_rebuild()
Codebook.model_rebuild()
Code.model_rebuild()
Theme.model_rebuild()
Quote.model_rebuild()
EvidenceReference.model_rebuild()
Coding.model_rebuild()
Memo.model_rebuild()
Finding.model_rebuild()
PackageSource.model_rebuild()
