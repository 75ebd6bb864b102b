export { wishesRoutes } from './wishes.routes';
export { lapseClaims } from './wishes.service';
