// Validators for Belgian identifiers and codes used in Loket forms. Every validator is pure and
// isomorphic (same result in the browser and on the server) and returns a discriminated result
// instead of throwing on user input.

export * from './national-number';
export * from './enterprise-number';
export * from './iban';
export * from './structured-reference';
export * from './postcode';
export * from './license-plate';
export * from './phone';
