/** Public-welfare posts (公益性岗位): posts by town, the hardship register, placements through the procedure, the public notice, attendance, checks and the monthly report. */
export { postsRoutes } from './posts.routes';
export { loadDemoPosts } from './posts.demo';
