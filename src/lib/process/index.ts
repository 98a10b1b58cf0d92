// $lib/process: the isomorphic heart of Loket. Pure functions over process definitions, shared
// by the server, the browser and the form builder.
export * from './text';
export * from './conditions';
export * from './fields';
export * from './workflow';
export * from './definition';
export * from './loader';
export * from './validators';
export * from './calendar';
