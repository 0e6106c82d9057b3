// The Open Data Product Standard (`kind: DataProduct`, apiVersion v0.9.0 or v1.0.0, usually
// `*.odps.yaml`): the source of truth for schemas/odps.schema.json. It mirrors the official JSON
// Schema v1.0.0 (draft 2019-09), which is closed: every object rejects keys it does not list, so
// extra information goes into `customProperties`. Every type name starts with `Odps` so it never
// clashes with the ODCS/DCS types in the same program.

/**
 * A data product: the contracts it consumes (input ports), the data it publishes (output ports,
 * each governed by a data contract), how it is operated (management ports, support) and who owns it.
 */
export interface OpenDataProduct {
  /**
   * Version of the standard the file follows: `v1.0.0`, or `v0.9.0` for files written against the
   * earlier release (same structure).
   * @default "v1.0.0"
   */
  apiVersion: 'v0.9.0' | 'v1.0.0';
  /**
   * Kind of document. Always `DataProduct`.
   * @default "DataProduct"
   */
  kind: 'DataProduct';
  /**
   * Identifier of the data product, unique across the organisation; a UUID is the usual choice,
   * e.g. `fbe8d147-28db-4f1d-bedf-a3fe9f458427`.
   */
  id: string;
  /** Human-readable name, e.g. `Customer Data Product`. */
  name?: string;
  /** Version of the data product itself (not of the standard), e.g. `1.2.0`. Strongly recommended. */
  version?: string;
  /**
   * Life cycle stage of the data product.
   * @examples ["proposed", "draft", "active", "deprecated", "retired"]
   */
  status: string;
  /** Business domain that owns the data product, e.g. `seller` or `finance`. */
  domain?: string;
  /** Organisation or business unit the data product belongs to, e.g. `RetailCorp`. */
  tenant?: string;
  /** Links to documents that define or explain the data product further. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
  /** Purpose, limitations and recommended usage of the data product. */
  description?: OdpsDescription;
  /** Extra key/value information the standard has no field for. */
  customProperties?: OdpsCustomProperty[];
  /**
   * Keywords to find and group the data product by.
   * @examples ["finance", "sensitive", "employee_record"]
   */
  tags?: string[];
  /** The data contracts the product reads from. A product normally has at least one. */
  inputPorts?: OdpsInputPort[];
  /** The datasets the product publishes, one entry per port and version. A product normally has at least one. */
  outputPorts?: OdpsOutputPort[];
  /** Endpoints for operating the product: catalogue entries, metrics, controls, dictionaries. */
  managementPorts?: OdpsManagementPort[];
  /** Channels where consumers get help or announcements. */
  support?: OdpsSupport[];
  /** The team that builds and runs the product. */
  team?: OdpsTeam;
  /**
   * When the data product was created, as an ISO 8601 UTC timestamp, e.g. `2024-03-01T09:00:00Z`.
   * @format date-time
   */
  productCreatedTs?: string;
}

/** Free-text description of the data product. */
export interface OdpsDescription {
  /** What the data is for, e.g. `Enterprise view of a customer.` */
  purpose?: string;
  /** Technical, legal or compliance restrictions on using the data. */
  limitations?: string;
  /** How consumers are advised to use the data. */
  usage?: string;
  /** Links to documents that explain the description further. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
  /** Extra key/value information for the description. */
  customProperties?: OdpsCustomProperty[];
}

/** A key/value pair for information the standard has no field for. */
export interface OdpsCustomProperty {
  /** Name of the property, in camelCase like built-in keys, e.g. `costCenter`. */
  property: string;
  /** Value of the property: any YAML value, e.g. `CC-1234` or a list. Required (may be null). */
  value: unknown;
  /** What the property means. */
  description?: string;
}

/** A link to a document that defines or explains something, with the kind of document. */
export interface OdpsAuthoritativeDefinition {
  /**
   * Kind of document linked.
   * @examples ["businessDefinition", "transformationImplementation", "videoTutorial", "tutorial", "implementation"]
   */
  type: string;
  /**
   * Address of the document, e.g. `https://wiki.example.com/customer`.
   * @format uri
   */
  url: string;
  /** What the linked document contains. */
  description?: string;
}

/** A data contract the product consumes, at a given version. */
export interface OdpsInputPort {
  /** Name of the input, e.g. `payments`. */
  name: string;
  /** Version of the consumed contract, e.g. `1.0.0`. */
  version: string;
  /** `id` of the data contract this input reads, e.g. `dbb7b1eb-7628-436e-8914-2a00638ba6db`. */
  contractId: string;
  /** Keywords for the port. */
  tags?: string[];
  /** Extra key/value information for the port. */
  customProperties?: OdpsCustomProperty[];
  /** Links to documents about the port. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
}

/** A dataset the product publishes. Name and version together identify a port; list each version separately. */
export interface OdpsOutputPort {
  /** Name of the output, e.g. `rawtransactions`. */
  name: string;
  /** Short human-readable description of what the port delivers. */
  description?: string;
  /** Kind of port, which decides how it is provisioned, e.g. `tables`, `topic`, `api`. */
  type?: string;
  /** Version of this port, e.g. `2.0.0`. */
  version: string;
  /** `id` of the data contract the published data honours. */
  contractId?: string;
  /** Software bills of materials for this version of the port. */
  sbom?: OdpsSbom[];
  /** The input contracts (and versions) this port is built from. */
  inputContracts?: OdpsInputContract[];
  /** Keywords for the port. */
  tags?: string[];
  /** Extra key/value information for the port. */
  customProperties?: OdpsCustomProperty[];
  /** Links to documents about the port. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
}

/** Where a software bill of materials can be found. */
export interface OdpsSbom {
  /**
   * Kind of SBOM reference; `external` when omitted.
   * @default "external"
   */
  type?: string;
  /**
   * Address of the SBOM, e.g. `https://sbom.example.com/orders/2.0.0`.
   * @format uri
   */
  url: string;
}

/** A data contract an output port depends on. */
export interface OdpsInputContract {
  /** `id` of the data contract, e.g. `dbb7b1eb-7628-436e-8914-2a00638ba6db`. */
  id: string;
  /** Version of that contract, e.g. `2.0.0`. */
  version: string;
}

/** An endpoint for operating or observing the data product. */
export interface OdpsManagementPort {
  /** Unique name of the endpoint, e.g. `tpc-dict-update`. */
  name: string;
  /**
   * What the endpoint offers.
   * @examples ["discoverability", "observability", "control", "dictionary"]
   */
  content: string;
  /**
   * How the endpoint is reached: `rest` (the default) or `topic`.
   * @default "rest"
   * @examples ["rest", "topic"]
   */
  type?: string;
  /**
   * Address of the endpoint, e.g. `https://api.example.com/products/customer/metrics`.
   * @format uri
   */
  url?: string;
  /** Channel (e.g. topic name) through which the endpoint communicates. */
  channel?: string;
  /** What the endpoint is for and how to use it. */
  description?: string;
  /** Keywords for the endpoint. */
  tags?: string[];
  /** Extra key/value information for the endpoint. */
  customProperties?: OdpsCustomProperty[];
  /** Links to documents about the endpoint. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
}

/** A channel where consumers get help or announcements. */
export interface OdpsSupport {
  /** Name of the channel, e.g. `Data Team Slack`. */
  channel: string;
  /**
   * Address of the channel in any URL scheme, e.g. `https://acme.slack.com/archives/C123` or
   * `mailto:data-support@example.com`.
   * @format uri
   */
  url: string;
  /** What the channel is for. */
  description?: string;
  /**
   * Tool behind the channel.
   * @examples ["email", "slack", "teams", "discord", "ticket", "other"]
   */
  tool?: string;
  /**
   * What the channel is used for.
   * @examples ["interactive", "announcements", "issues"]
   */
  scope?: string;
  /**
   * Link to request access to or join the channel, for tools that need an invitation.
   * @format uri
   */
  invitationUrl?: string;
  /** Keywords for the channel. */
  tags?: string[];
  /** Extra key/value information for the channel. */
  customProperties?: OdpsCustomProperty[];
  /** Links to documents about the channel. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
}

/** The team responsible for the data product. */
export interface OdpsTeam {
  /** Name of the team, e.g. `Customer Data Team`. */
  name?: string;
  /** What the team does. */
  description?: string;
  /** People in the team, current and past. */
  members?: OdpsTeamMember[];
  /** Keywords for the team. */
  tags?: string[];
  /** Extra key/value information for the team. */
  customProperties?: OdpsCustomProperty[];
  /** Links to documents about the team. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
}

/** A person in (or formerly in) the team. */
export interface OdpsTeamMember {
  /** Login name or email address of the person, e.g. `jane.smith@example.com`. */
  username: string;
  /** Full name of the person. */
  name?: string;
  /** Short note about the person's part in the team. */
  description?: string;
  /** The person's role, free text, e.g. `owner`, `data steward`. */
  role?: string;
  /**
   * Day the person joined the team, e.g. `2024-01-15`.
   * @format date
   */
  dateIn?: string;
  /**
   * Day the person left the team, e.g. `2025-06-30`.
   * @format date
   */
  dateOut?: string;
  /** Username of the person who took over from this one. */
  replacedByUsername?: string;
  /** Keywords for the member. */
  tags?: string[];
  /** Extra key/value information for the member. */
  customProperties?: OdpsCustomProperty[];
  /** Links to documents about the member. */
  authoritativeDefinitions?: OdpsAuthoritativeDefinition[];
}
