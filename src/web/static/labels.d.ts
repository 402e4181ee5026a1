// The shape of /static/labels.js, which the server writes at start from its own tables
// (src/web/labels-module.ts); tests/labels-module.test.ts keeps the two in step.
type Labels = Readonly<Record<string, string>>;
export declare const stageLabels: Labels;
export declare const householdStatusLabels: Labels;
export declare const roundHouseholdStatusLabels: Labels;
export declare const roundStatusLabels: Labels;
export declare const unitStatusLabels: Labels;
export declare const agreementStatusLabels: Labels;
export declare const auditActionLabels: Labels;
export declare const roleLabels: Labels;
