// Swagger UI over the app's own OpenAPI document, from files served by this process (no CDN).
window.ui = window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
