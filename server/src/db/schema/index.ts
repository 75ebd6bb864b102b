export * from './regions';
export * from './accounts';
export * from './access';
export * from './audit';
export * from './orgs';
export * from './ledger';
export * from './people';
