export { requestsRoutes } from './requests.routes';
export { orderService, dispatch, accept, checkIn, checkOut, rate, cancel } from './requests.service';
