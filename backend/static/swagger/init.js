// Starts Swagger UI on /docs. It lives in a file of this origin because the page's Content-Security-Policy
// allows no inline script; the OpenAPI document's URL comes from the page (data-openapi-url).
const mount = document.getElementById("swagger-ui");

window.ui = SwaggerUIBundle({
  url: mount.dataset.openapiUrl,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  // No badge that sends the document to a third-party validator.
  validatorUrl: null,
});
