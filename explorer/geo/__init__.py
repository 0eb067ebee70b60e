"""Country shapes for the basemap (Natural Earth), built once per install and cached."""
