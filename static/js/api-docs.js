/* The API docs page (templates/api/swagger_ui.html): landmarks, heading levels and names
   around Swagger UI, which puts the API's description outside any landmark and its operations'
   h3 headings straight after the title's h1 (axe: region, heading-order), and leaves an opened
   operation's responses regions and examples menu without a name (landmark-unique,
   select-name). A plugin, added to whatever plugins drf-spectacular's start-up script passes,
   puts the description in a region of its own beside Swagger's <main> and a level-two heading
   above the operations; the names are added as Swagger draws the operations. */
(() => {
  "use strict";
  const accessible = (system) => {
    const h = system.React.createElement;
    return {
      wrapComponents: {
        InfoContainer: (Original) => (props) =>
          h("section", { "aria-label": "About the API" }, h(Original, props)),
        operations: (Original) => (props) =>
          h(
            system.React.Fragment,
            null,
            h("h2", { className: "visually-hidden" }, "Operations"),
            h(Original, props),
          ),
      },
    };
  };
  const name = () => {
    for (const table of document.querySelectorAll(".responses-table[role=region]:not([aria-label])")) {
      const operation = table.closest(".opblock");
      const method = operation?.querySelector(".opblock-summary-method")?.textContent ?? "";
      const path = operation?.querySelector(".opblock-summary-path")?.textContent ?? "";
      table.setAttribute("aria-label", `Responses of ${method} ${path}`.trim());
    }
    for (const select of document.querySelectorAll(".examples-select-element:not([aria-label])")) {
      select.setAttribute("aria-label", "Example");
    }
  };
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });

  const bundle = window.SwaggerUIBundle;
  window.SwaggerUIBundle = Object.assign(
    (config) => bundle({ ...config, plugins: [...(config.plugins || []), accessible] }),
    bundle,
  );
})();
