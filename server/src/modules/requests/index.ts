export { requestsRoutes } from './requests.routes';
