# METADATA
# title: App Service web app has no health check
# description: |
#   With a health check path, App Service pings each instance and stops routing requests to one
#   that keeps failing, then restarts or replaces it. Without one, an instance that hangs or
#   lost a dependency keeps receiving its share of traffic. The path is
#   site_config.health_check_path; the azurerm_linux_web_app and azurerm_windows_web_app also
#   take health_check_eviction_time_in_min.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/monitor-instances-health-check
# custom:
#   id: azure-app-service-health-check-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_213]
package converge.rules.terraform.azure_app_service_health_check_missing

import rego.v1

import data.converge.lib.appservice

# checkov accepts any value but an empty string; expressions included.
set(v) if {
	v != null
	v != ""
}

findings contains f if {
	some app in appservice.all_web_apps
	not appservice.generated(app.body, "site_config")
	not set(appservice.block_value(app.body, "site_config", "health_check_path"))
	f := {
		"msg": sprintf("%s.%s has no health check (site_config.health_check_path)", [app.kind, app.name]),
		"route": appservice.block_route(app, "site_config", "health_check_path"),
	}
}
