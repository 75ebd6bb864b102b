export { wishesRoutes } from './wishes.routes';
export { lapseClaims } from './wishes.service';
export { registerWish, claimWish, deliverWish, confirmWish } from './wishes.service';
