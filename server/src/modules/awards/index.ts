/** Award campaigns (评选表彰): nominations, review, public voting, published results on the honour wall. */
export { awardsRoutes } from './awards.routes';
