// Locality map: markers from the page's JSON; tiles are optional (the markers work without them).
(function () {
  "use strict";
  var element = document.getElementById("locality-map");
  if (!element || typeof L === "undefined") { return; }
  var points = JSON.parse(document.getElementById("locality-points").textContent);
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var map = L.map(element, { scrollWheelZoom: false }).setView([49.8, 15.5], 7);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 18, attribution: config.attribution }).addTo(map);
  }
  var icon = L.icon({
    iconUrl: element.dataset.markerIcon,
    iconRetinaUrl: element.dataset.markerIcon2x,
    shadowUrl: element.dataset.markerShadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  var bounds = [];
  points.forEach(function (point) {
    var latLng = [parseFloat(point.latitude), parseFloat(point.longitude)];
    var link = document.createElement("a");
    link.href = "/localities/" + point.id + "/";
    link.textContent = point.name + " (" + point.municipality_name + ")";
    L.marker(latLng, { icon: icon, title: point.name, alt: point.name }).addTo(map).bindPopup(link);
    bounds.push(latLng);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 }); }
}());
