// The table of CycloneDX's XML shape for the constructs 1.5 and 1.6 brought: formulation (1.5),
// a component's modelCard (1.5), data (1.6) and cryptoProperties (1.6), declarations and
// definitions (1.6), with what they hold. Facts from the official XSDs bom-1.5/1.6/1.7.xsd and
// the JSON schemas (JSON names where they differ: `contact` of a data governance party is XML's
// `individual`, `cryptoRefArray` is the repeated `cryptoRef`). Rows, shapes and kinds as in
// xml_shape.cpp; the reader and writer walk both tables alike.
//
// Not mapped, so kept as XML text by the reader (XML -> XML) and reported lost across syntaxes:
// `signature` (JSF, JSON only) of declarations, standards, attestations, claims and signatories;
// a patent's `patentAssignee` (JSON items are bare contacts or organizations, told apart by no
// member both lack; XML wraps each in `<organization>` or `<individual>`); a 1.7 protocol's
// `relatedCryptographicAssets` (not in its XSD); JSON 1.7's deprecated reference form of the IKEv2
// transform types (XML 1.7 has only the objects).
#include "cyclonedx/xml_shape.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace sbom::cyclonedx::xml {

namespace {

using S = Shape;
using K = Kind;

// ---- formulation -------------------------------------------------------------------------------

constexpr Member kFormula[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"components", "components", S::Wrapped, K::Component, "component"},
    {"services", "services", S::Wrapped, K::Service, "service"},
    {"workflows", "workflows", S::Wrapped, K::Workflow, "workflow"},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
// A workflow and a task have the same members but `tasks` and `taskDependencies`.
constexpr Member kWorkflow[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"uid", "uid", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"resourceReferences", "resourceReferences", S::Wrapped, K::ResourceRef, "resourceReference"},
    {"tasks", "tasks", S::Wrapped, K::Task, "task"},
    {"taskDependencies", "taskDependencies", S::Wrapped, K::Dependency, "dependency"},
    {"taskTypes", "taskTypes", S::Wrapped, K::String, "taskType"},
    {"trigger", "trigger", S::Element, K::Trigger},
    {"steps", "steps", S::Wrapped, K::Step, "step"},
    {"inputs", "inputs", S::Wrapped, K::Input, "input"},
    {"outputs", "outputs", S::Wrapped, K::Output, "output"},
    {"timeStart", "timeStart", S::Element, K::String},
    {"timeEnd", "timeEnd", S::Element, K::String},
    {"workspaces", "workspaces", S::Wrapped, K::Workspace, "workspace"},
    {"runtimeTopology", "runtimeTopology", S::Wrapped, K::Dependency, "dependency"},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
// The rows of `rows` but those named `a` and `b` (N - 2 of them).
template <std::size_t N>
constexpr std::array<Member, N - 2> without(const Member (&rows)[N], std::string_view a, std::string_view b) {
  std::array<Member, N - 2> out{};
  std::size_t n = 0;
  for (const Member& m : rows)
    if (m.xml != a && m.xml != b) out.at(n++) = m;
  return out;
}
constexpr auto kTask = without(kWorkflow, "tasks", "taskDependencies");
static_assert(std::ranges::none_of(kTask, [](const Member& m) { return m.xml.empty(); }), "both rows removed");
constexpr Member kResourceRef[] = {  // one of the two
    {"ref", "ref", S::Element, K::String},
    {"externalReference", "externalReference", S::Element, K::ExtRef},
};
constexpr Member kTrigger[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"uid", "uid", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"resourceReferences", "resourceReferences", S::Wrapped, K::ResourceRef, "resourceReference"},
    {"type", "type", S::Element, K::String},
    {"event", "event", S::Element, K::Event},
    {"conditions", "conditions", S::Wrapped, K::Condition, "condition"},
    {"timeActivated", "timeActivated", S::Element, K::String},
    {"inputs", "inputs", S::Wrapped, K::Input, "input"},
    {"outputs", "outputs", S::Wrapped, K::Output, "output"},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kEvent[] = {
    {"uid", "uid", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"timeReceived", "timeReceived", S::Element, K::String},
    {"data", "data", S::Element, K::Attachment},
    {"source", "source", S::Element, K::ResourceRef},
    {"target", "target", S::Element, K::ResourceRef},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kCondition[] = {
    {"description", "description", S::Element, K::String},
    {"expression", "expression", S::Element, K::String},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kStep[] = {
    {"name", "name", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"commands", "commands", S::Wrapped, K::Command, "command"},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kCommand[] = {
    {"executed", "executed", S::Element, K::String},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
// An input holds one of resource, parameters, environmentVars and data; an output one of
// resource, environmentVars and data, before its type.
constexpr Member kInput[] = {
    {"resource", "resource", S::Element, K::ResourceRef},
    {"parameters", "parameters", S::Wrapped, K::Parameter, "parameter"},
    {"environmentVars", "environmentVars", S::Wrapped, K::Property, "environmentVar"},
    {"environmentVars", "environmentVars", S::Wrapped, K::String, "value"},
    {"data", "data", S::Element, K::Attachment},
    {"source", "source", S::Element, K::ResourceRef},
    {"target", "target", S::Element, K::ResourceRef},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kOutput[] = {
    {"resource", "resource", S::Element, K::ResourceRef},
    {"environmentVars", "environmentVars", S::Wrapped, K::Property, "environmentVar"},
    {"environmentVars", "environmentVars", S::Wrapped, K::String, "value"},
    {"data", "data", S::Element, K::Attachment},
    {"type", "type", S::Element, K::String},
    {"source", "source", S::Element, K::ResourceRef},
    {"target", "target", S::Element, K::ResourceRef},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kParameter[] = {
    {"name", "name", S::Element, K::String},
    {"value", "value", S::Element, K::String},
    {"dataType", "dataType", S::Element, K::String},
};
constexpr Member kWorkspace[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"uid", "uid", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"aliases", "aliases", S::Wrapped, K::String, "alias"},
    {"description", "description", S::Element, K::String},
    {"resourceReferences", "resourceReferences", S::Wrapped, K::ResourceRef, "resourceReference"},
    {"accessMode", "accessMode", S::Element, K::String},
    {"mountPath", "mountPath", S::Element, K::String},
    {"managedDataType", "managedDataType", S::Element, K::String},
    {"volumeRequest", "volumeRequest", S::Element, K::String},
    {"volume", "volume", S::Element, K::Volume},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kVolume[] = {
    {"uid", "uid", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"mode", "mode", S::Element, K::String},
    {"path", "path", S::Element, K::String},
    {"sizeAllocated", "sizeAllocated", S::Element, K::String},
    {"persistent", "persistent", S::Element, K::Bool},
    {"remote", "remote", S::Element, K::Bool},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};

// ---- modelCard and data ------------------------------------------------------------------------

constexpr Member kModelCard[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"modelParameters", "modelParameters", S::Element, K::ModelParameters},
    {"quantitativeAnalysis", "quantitativeAnalysis", S::Element, K::QuantitativeAnalysis},
    {"considerations", "considerations", S::Element, K::Considerations},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kModelParameters[] = {
    {"approach", "approach", S::Element, K::Approach},
    {"task", "task", S::Element, K::String},
    {"architectureFamily", "architectureFamily", S::Element, K::String},
    {"modelArchitecture", "modelArchitecture", S::Element, K::String},
    {"datasets", "datasets", S::Wrapped, K::ComponentData, "dataset"},
    {"datasets", "datasets", S::Wrapped, K::DatasetRef, "ref"},
    {"inputs", "inputs", S::Wrapped, K::MlFormat, "input"},
    {"outputs", "outputs", S::Wrapped, K::MlFormat, "output"},
};
constexpr Member kApproach[] = {
    {"type", "type", S::Element, K::String},
};
constexpr Member kDatasetRef[] = {  // <ref>x</ref> is {"ref": "x"}
    {"", "ref", S::Content, K::String},
};
constexpr Member kMlFormat[] = {
    {"format", "format", S::Element, K::String},
};
constexpr Member kQuantitativeAnalysis[] = {
    {"performanceMetrics", "performanceMetrics", S::Wrapped, K::PerformanceMetric, "performanceMetric"},
    {"graphics", "graphics", S::Element, K::Graphics},
};
constexpr Member kPerformanceMetric[] = {
    {"type", "type", S::Element, K::String},
    {"value", "value", S::Element, K::String},
    {"slice", "slice", S::Element, K::String},
    {"confidenceInterval", "confidenceInterval", S::Element, K::ConfidenceInterval},
};
constexpr Member kConfidenceInterval[] = {
    {"lowerBound", "lowerBound", S::Element, K::String},
    {"upperBound", "upperBound", S::Element, K::String},
};
constexpr Member kGraphics[] = {
    {"description", "description", S::Element, K::String},
    {"collection", "collection", S::Wrapped, K::Graphic, "graphic"},
};
constexpr Member kGraphic[] = {
    {"name", "name", S::Element, K::String},
    {"image", "image", S::Element, K::Attachment},
};
constexpr Member kConsiderations[] = {
    {"users", "users", S::Wrapped, K::String, "user"},
    {"useCases", "useCases", S::Wrapped, K::String, "useCase"},
    {"technicalLimitations", "technicalLimitations", S::Wrapped, K::String, "technicalLimitation"},
    {"performanceTradeoffs", "performanceTradeoffs", S::Wrapped, K::String, "performanceTradeoff"},
    {"ethicalConsiderations", "ethicalConsiderations", S::Wrapped, K::EthicalConsideration, "ethicalConsideration"},
    {"environmentalConsiderations", "environmentalConsiderations", S::Element, K::EnvironmentalConsiderations, {}, 6},
    {"fairnessAssessments", "fairnessAssessments", S::Wrapped, K::FairnessAssessment, "fairnessAssessment"},
};
constexpr Member kEthicalConsideration[] = {
    {"name", "name", S::Element, K::String},
    {"mitigationStrategy", "mitigationStrategy", S::Element, K::String},
};
constexpr Member kFairnessAssessment[] = {
    {"groupAtRisk", "groupAtRisk", S::Element, K::String},
    {"benefits", "benefits", S::Element, K::String},
    {"harms", "harms", S::Element, K::String},
    {"mitigationStrategy", "mitigationStrategy", S::Element, K::String},
};
constexpr Member kEnvironmentalConsiderations[] = {
    {"energyConsumptions", "energyConsumptions", S::Wrapped, K::EnergyConsumption, "energyConsumption"},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kEnergyConsumption[] = {
    {"activity", "activity", S::Element, K::String},
    {"energyProviders", "energyProviders", S::Repeated, K::EnergyProvider},
    {"activityEnergyCost", "activityEnergyCost", S::Element, K::EnergyMeasure},
    {"co2CostEquivalent", "co2CostEquivalent", S::Element, K::EnergyMeasure},
    {"co2CostOffset", "co2CostOffset", S::Element, K::EnergyMeasure},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kEnergyProvider[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"description", "description", S::Element, K::String},
    {"organization", "organization", S::Element, K::OrgEntity},
    {"energySource", "energySource", S::Element, K::String},
    {"energyProvided", "energyProvided", S::Element, K::EnergyMeasure},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
};
constexpr Member kEnergyMeasure[] = {  // kWh or tCO2eq
    {"value", "value", S::Element, K::Number},
    {"unit", "unit", S::Element, K::String},
};
constexpr Member kComponentData[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"type", "type", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"contents", "contents", S::Element, K::DataContents},
    {"classification", "classification", S::Element, K::String},
    {"sensitiveData", "sensitiveData", S::Repeated, K::String},
    {"graphics", "graphics", S::Element, K::Graphics},
    {"description", "description", S::Element, K::String},
    {"governance", "governance", S::Element, K::Governance},
};
constexpr Member kDataContents[] = {
    {"attachment", "attachment", S::Element, K::Attachment},
    {"url", "url", S::Element, K::String},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
};
constexpr Member kGovernance[] = {
    {"custodians", "custodians", S::Wrapped, K::Party, "custodian"},
    {"stewards", "stewards", S::Wrapped, K::Party, "steward"},
    {"owners", "owners", S::Wrapped, K::Party, "owner"},
};
constexpr Member kParty[] = {  // one of the two
    {"organization", "organization", S::Element, K::OrgEntity},
    {"individual", "contact", S::Element, K::Contact},
};

// ---- cryptoProperties --------------------------------------------------------------------------

constexpr Member kCryptoProperties[] = {
    {"assetType", "assetType", S::Element, K::String},
    {"algorithmProperties", "algorithmProperties", S::Element, K::AlgorithmProperties},
    {"certificateProperties", "certificateProperties", S::Element, K::CertificateProperties},
    {"relatedCryptoMaterialProperties", "relatedCryptoMaterialProperties", S::Element, K::CryptoMaterial},
    {"protocolProperties", "protocolProperties", S::Element, K::ProtocolProperties},
    {"oid", "oid", S::Element, K::String},
};
constexpr Member kAlgorithmProperties[] = {
    {"primitive", "primitive", S::Element, K::String},
    {"algorithmFamily", "algorithmFamily", S::Element, K::String, {}, 7},
    {"parameterSetIdentifier", "parameterSetIdentifier", S::Element, K::String},
    {"curve", "curve", S::Element, K::String},
    {"ellipticCurve", "ellipticCurve", S::Element, K::String, {}, 7},
    {"executionEnvironment", "executionEnvironment", S::Element, K::String},
    {"implementationPlatform", "implementationPlatform", S::Element, K::String},
    {"certificationLevel", "certificationLevel", S::Repeated, K::String},
    {"mode", "mode", S::Element, K::String},
    {"padding", "padding", S::Element, K::String},
    {"cryptoFunctions", "cryptoFunctions", S::Wrapped, K::String, "cryptoFunction"},
    {"classicalSecurityLevel", "classicalSecurityLevel", S::Element, K::Number},
    {"nistQuantumSecurityLevel", "nistQuantumSecurityLevel", S::Element, K::Number},
};
constexpr Member kCertificateProperties[] = {
    {"serialNumber", "serialNumber", S::Element, K::String, {}, 7},
    {"subjectName", "subjectName", S::Element, K::String},
    {"issuerName", "issuerName", S::Element, K::String},
    {"notValidBefore", "notValidBefore", S::Element, K::String},
    {"notValidAfter", "notValidAfter", S::Element, K::String},
    {"signatureAlgorithmRef", "signatureAlgorithmRef", S::Element, K::String},
    {"subjectPublicKeyRef", "subjectPublicKeyRef", S::Element, K::String},
    {"certificateFormat", "certificateFormat", S::Element, K::String},
    {"certificateExtension", "certificateExtension", S::Element, K::String},
    {"certificateFileExtension", "certificateFileExtension", S::Element, K::String, {}, 7},
    {"fingerprint", "fingerprint", S::Element, K::Hash, {}, 7},
    {"certificateState", "certificateState", S::Repeated, K::CertificateState, {}, 7},
    {"creationDate", "creationDate", S::Element, K::String, {}, 7},
    {"activationDate", "activationDate", S::Element, K::String, {}, 7},
    {"deactivationDate", "deactivationDate", S::Element, K::String, {}, 7},
    {"revocationDate", "revocationDate", S::Element, K::String, {}, 7},
    {"destructionDate", "destructionDate", S::Element, K::String, {}, 7},
    {"certificateExtensions", "certificateExtensions", S::Wrapped, K::CertificateExtension, "certificateExtension", 7},
    {"relatedCryptographicAssets", "relatedCryptographicAssets", S::Wrapped, K::RelatedCryptoAsset,
     "relatedCryptographicAsset", 7},
};
// A predefined state (state, reason) or a custom one (name, description, reason): one order
// serves both.
constexpr Member kCertificateState[] = {
    {"state", "state", S::Element, K::String},
    {"name", "name", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"reason", "reason", S::Element, K::String},
};
constexpr Member kCertificateExtension[] = {  // common or custom
    {"commonExtensionName", "commonExtensionName", S::Element, K::String},
    {"commonExtensionValue", "commonExtensionValue", S::Element, K::String},
    {"customExtensionName", "customExtensionName", S::Element, K::String},
    {"customExtensionValue", "customExtensionValue", S::Element, K::String},
};
constexpr Member kRelatedCryptoAsset[] = {
    {"type", "type", S::Element, K::String},
    {"ref", "ref", S::Element, K::String},
};
constexpr Member kCryptoMaterial[] = {
    {"type", "type", S::Element, K::String},
    {"id", "id", S::Element, K::String},
    {"state", "state", S::Element, K::String},
    {"algorithmRef", "algorithmRef", S::Element, K::String},
    {"creationDate", "creationDate", S::Element, K::String},
    {"activationDate", "activationDate", S::Element, K::String},
    {"updateDate", "updateDate", S::Element, K::String},
    {"expirationDate", "expirationDate", S::Element, K::String},
    {"value", "value", S::Element, K::String},
    {"size", "size", S::Element, K::Number},
    {"format", "format", S::Element, K::String},
    {"securedBy", "securedBy", S::Element, K::SecuredBy},
    {"fingerprint", "fingerprint", S::Element, K::Hash, {}, 7},
    {"relatedCryptographicAssets", "relatedCryptographicAssets", S::Wrapped, K::RelatedCryptoAsset,
     "relatedCryptographicAsset", 7},
};
constexpr Member kSecuredBy[] = {
    {"mechanism", "mechanism", S::Element, K::String},
    {"algorithmRef", "algorithmRef", S::Element, K::String},
};
constexpr Member kProtocolProperties[] = {
    {"type", "type", S::Element, K::String},
    {"version", "version", S::Element, K::String},
    {"cipherSuites", "cipherSuites", S::Wrapped, K::CipherSuite, "cipherSuite"},
    {"ikev2TransformTypes", "ikev2TransformTypes", S::Element, K::Ikev2},
    {"cryptoRef", "cryptoRefArray", S::Repeated, K::String},
};
constexpr Member kCipherSuite[] = {
    {"name", "name", S::Element, K::String},
    {"algorithms", "algorithms", S::Wrapped, K::String, "algorithm"},
    {"identifiers", "identifiers", S::Wrapped, K::String, "identifier"},
    {"tlsGroups", "tlsGroups", S::Wrapped, K::String, "group", 7},
    {"tlsSignatureSchemes", "tlsSignatureSchemes", S::Wrapped, K::String, "signatureScheme", 7},
};
// 1.6 lists references to algorithms; 1.7 objects naming them.
constexpr Member kIkev2[] = {
    {"encr", "encr", S::Repeated, K::String, {}, 6, 6},
    {"encr", "encr", S::Repeated, K::IkeEncr, {}, 7},
    {"prf", "prf", S::Repeated, K::String, {}, 6, 6},
    {"prf", "prf", S::Repeated, K::IkeAlg, {}, 7},
    {"integ", "integ", S::Repeated, K::String, {}, 6, 6},
    {"integ", "integ", S::Repeated, K::IkeAlg, {}, 7},
    {"ke", "ke", S::Repeated, K::String, {}, 6, 6},
    {"ke", "ke", S::Repeated, K::IkeKe, {}, 7},
    {"esn", "esn", S::Element, K::Bool},
    {"auth", "auth", S::Repeated, K::String, {}, 6, 6},
    {"auth", "auth", S::Repeated, K::IkeAlg, {}, 7},
};
constexpr Member kIkeEncr[] = {
    {"name", "name", S::Element, K::String},
    {"keyLength", "keyLength", S::Element, K::Number},
    {"algorithm", "algorithm", S::Element, K::String},
};
constexpr Member kIkeAlg[] = {
    {"name", "name", S::Element, K::String},
    {"algorithm", "algorithm", S::Element, K::String},
};
constexpr Member kIkeKe[] = {
    {"group", "group", S::Element, K::Number},
    {"algorithm", "algorithm", S::Element, K::String},
};

// ---- declarations ------------------------------------------------------------------------------

constexpr Member kDeclarations[] = {
    {"assessors", "assessors", S::Wrapped, K::Assessor, "assessor"},
    {"attestations", "attestations", S::Wrapped, K::Attestation, "attestation"},
    {"claims", "claims", S::Wrapped, K::Claim, "claim"},
    {"evidence", "evidence", S::Wrapped, K::DeclEvidence, "evidence"},
    {"targets", "targets", S::Element, K::Targets},
    {"affirmation", "affirmation", S::Element, K::Affirmation},
};
constexpr Member kAssessor[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"thirdParty", "thirdParty", S::Element, K::Bool},
    {"organization", "organization", S::Element, K::OrgEntity},
};
constexpr Member kAttestation[] = {
    {"summary", "summary", S::Element, K::String},
    {"assessor", "assessor", S::Element, K::String},
    {"map", "map", S::Repeated, K::AttestationMap},
};
constexpr Member kAttestationMap[] = {
    {"requirement", "requirement", S::Element, K::String},
    {"claims", "claims", S::Wrapped, K::String, "claim"},
    {"counterClaims", "counterClaims", S::Wrapped, K::String, "counterClaim"},
    {"conformance", "conformance", S::Element, K::Conformance},
    {"confidence", "confidence", S::Element, K::Confidence},
};
constexpr Member kConformance[] = {
    {"score", "score", S::Element, K::Number},
    {"rationale", "rationale", S::Element, K::String},
    {"mitigationStrategies", "mitigationStrategies", S::Wrapped, K::String, "mitigationStrategy"},
};
constexpr Member kConfidence[] = {
    {"score", "score", S::Element, K::Number},
    {"rationale", "rationale", S::Element, K::String},
};
constexpr Member kClaim[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"target", "target", S::Element, K::String},
    {"predicate", "predicate", S::Element, K::String},
    {"mitigationStrategies", "mitigationStrategies", S::Wrapped, K::String, "mitigationStrategy"},
    {"reasoning", "reasoning", S::Element, K::String},
    {"evidence", "evidence", S::Repeated, K::String},
    {"counterEvidence", "counterEvidence", S::Repeated, K::String},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
};
constexpr Member kDeclEvidence[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"propertyName", "propertyName", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"data", "data", S::Repeated, K::EvidenceData},
    {"created", "created", S::Element, K::String},
    {"expires", "expires", S::Element, K::String},
    {"author", "author", S::Element, K::Contact},
    {"reviewer", "reviewer", S::Element, K::Contact},
};
constexpr Member kEvidenceData[] = {
    {"name", "name", S::Element, K::String},
    {"contents", "contents", S::Element, K::EvidenceContents},
    {"classification", "classification", S::Element, K::String},
    {"sensitiveData", "sensitiveData", S::Repeated, K::String},
    {"governance", "governance", S::Element, K::Governance},
};
constexpr Member kEvidenceContents[] = {
    {"attachment", "attachment", S::Element, K::Attachment},
    {"url", "url", S::Element, K::String},
};
constexpr Member kTargets[] = {
    {"organizations", "organizations", S::Wrapped, K::OrgEntity, "organization"},
    {"components", "components", S::Wrapped, K::Component, "component"},
    {"services", "services", S::Wrapped, K::Service, "service"},
};
constexpr Member kAffirmation[] = {
    {"statement", "statement", S::Element, K::String},
    {"signatories", "signatories", S::Wrapped, K::Signatory, "signatory"},
};
constexpr Member kSignatory[] = {
    {"name", "name", S::Element, K::String},
    {"role", "role", S::Element, K::String},
    {"organization", "organization", S::Element, K::OrgEntity},
    {"externalReference", "externalReference", S::Element, K::ExtRef},
};

// ---- definitions -------------------------------------------------------------------------------

constexpr Member kDefinitions[] = {
    {"standards", "standards", S::Wrapped, K::Standard, "standard"},
    {"patents", "patents", S::Wrapped, K::Patent, "patent", 7},
    {"patents", "patents", S::Wrapped, K::PatentFamily, "patentFamily", 7},
};
constexpr Member kStandard[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"name", "name", S::Element, K::String},
    {"version", "version", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"owner", "owner", S::Element, K::String},
    {"requirements", "requirements", S::Wrapped, K::Requirement, "requirement"},
    {"levels", "levels", S::Wrapped, K::Level, "level"},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
};
constexpr Member kRequirement[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"identifier", "identifier", S::Element, K::String},
    {"title", "title", S::Element, K::String},
    {"text", "text", S::Element, K::String},
    {"descriptions", "descriptions", S::Wrapped, K::String, "description"},
    {"openCre", "openCre", S::Repeated, K::String},
    {"parent", "parent", S::Element, K::String},
    {"properties", "properties", S::Wrapped, K::Property, "property"},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
};
constexpr Member kLevel[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"identifier", "identifier", S::Element, K::String},
    {"title", "title", S::Element, K::String},
    {"description", "description", S::Element, K::String},
    {"requirements", "requirements", S::Wrapped, K::String, "requirement"},
};
constexpr Member kPatent[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"patentNumber", "patentNumber", S::Element, K::String},
    {"applicationNumber", "applicationNumber", S::Element, K::String},
    {"jurisdiction", "jurisdiction", S::Element, K::String},
    {"priorityApplication", "priorityApplication", S::Element, K::PriorityApplication},
    {"publicationNumber", "publicationNumber", S::Element, K::String},
    {"title", "title", S::Element, K::String},
    {"abstract", "abstract", S::Element, K::String},
    {"filingDate", "filingDate", S::Element, K::String},
    {"grantDate", "grantDate", S::Element, K::String},
    {"patentExpirationDate", "patentExpirationDate", S::Element, K::String},
    {"patentLegalStatus", "patentLegalStatus", S::Element, K::String},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
};
constexpr Member kPatentFamily[] = {
    {"bom-ref", "bom-ref", S::Attribute, K::String},
    {"familyId", "familyId", S::Element, K::String},
    {"priorityApplication", "priorityApplication", S::Element, K::PriorityApplication},
    {"members", "members", S::Wrapped, K::String, "ref"},
    {"externalReferences", "externalReferences", S::Wrapped, K::ExtRef, "reference"},
};
constexpr Member kPriorityApplication[] = {
    {"applicationNumber", "applicationNumber", S::Element, K::String},
    {"jurisdiction", "jurisdiction", S::Element, K::String},
    {"filingDate", "filingDate", S::Element, K::String},
};

constexpr std::span<const Member> kTable[] = {
    kFormula, kWorkflow, kTask, kResourceRef, kTrigger, kEvent, kCondition, kStep, kCommand, kInput, kOutput,
    kParameter, kWorkspace, kVolume,
    kModelCard, kModelParameters, kApproach, kDatasetRef, kMlFormat, kQuantitativeAnalysis, kPerformanceMetric,
    kConfidenceInterval, kGraphics, kGraphic, kConsiderations, kEthicalConsideration, kFairnessAssessment,
    kEnvironmentalConsiderations, kEnergyConsumption, kEnergyProvider, kEnergyMeasure, kComponentData,
    kDataContents, kGovernance, kParty,
    kCryptoProperties, kAlgorithmProperties, kCertificateProperties, kCertificateState, kCertificateExtension,
    kRelatedCryptoAsset, kCryptoMaterial, kSecuredBy, kProtocolProperties, kCipherSuite, kIkev2, kIkeEncr,
    kIkeAlg, kIkeKe,
    kDeclarations, kAssessor, kAttestation, kAttestationMap, kConformance, kConfidence, kClaim, kDeclEvidence,
    kEvidenceData, kEvidenceContents, kTargets, kAffirmation, kSignatory, kDefinitions, kStandard, kRequirement,
    kLevel, kPatent, kPatentFamily, kPriorityApplication,
};
constexpr auto kFirst = static_cast<std::size_t>(Kind::Formula);
static_assert(std::size(kTable) == static_cast<std::size_t>(Kind::Count_) - kFirst, "one row list per kind");
// The reader marks the members it has seen in 64 bits.
static_assert(std::ranges::all_of(kTable, [](std::span<const Member> rows) { return rows.size() <= 64; }));

}  // namespace

std::span<const Member> members_15(Kind k) {
  auto i = static_cast<std::size_t>(k);
  return i >= kFirst && i - kFirst < std::size(kTable) ? kTable[i - kFirst] : std::span<const Member>{};
}

}  // namespace sbom::cyclonedx::xml
