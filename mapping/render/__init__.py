"""Drawing a trip on a Folium map: features, style, legend, playback, basemap and assets."""
