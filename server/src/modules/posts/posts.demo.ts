export async function loadDemoPosts() {}
