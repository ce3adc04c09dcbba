/* Material for MkDocs' script after the content (partials/javascripts/content.html), loaded from
 * a file so that no inline script is needed: it opens the tab a link's #fragment names.
 * Material 9.8.1's code, unchanged (the content.tabs.link part is off in mkdocs.yml). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
