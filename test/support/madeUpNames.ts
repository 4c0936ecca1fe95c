// Made-up company and person names for generated news documents in store and brief tests: distinct enough
// that the analyzer finds each as a name, and nobody real.
export const COMPANIES = [
  "Harrow Data",
  "Quellin",
  "Orvane Systems",
  "Tessaly Pay",
  "Brinmoor Games",
  "Castor Labs",
];
export const PEOPLE = ["Ada Winslow", "Bram Oyelaran", "Celia Marchetti", "Dov Lindahl"];
