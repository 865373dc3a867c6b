// Renders openapi.yaml (a copy of openapi/kycert.yaml, built with this page) with the bundled
// Swagger UI. Nothing is fetched from the network: no CDN, no online validator.
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    displayOperationId: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    validatorUrl: null,
    tryItOutEnabled: false
  });
});
