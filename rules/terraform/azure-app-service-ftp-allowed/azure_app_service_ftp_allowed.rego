# METADATA
# title: App Service web app accepts plain FTP deployments
# description: |
#   With ftps_state = "AllAllowed", the app's FTP endpoint accepts plain FTP, which sends the
#   deployment credentials and the uploaded code unencrypted. "FtpsOnly" requires TLS and
#   "Disabled" turns the endpoint off. azurerm_linux_web_app and azurerm_windows_web_app default
#   to "Disabled"; azurerm_app_service leaves the Azure default, "AllAllowed". Like checkov,
#   the rule also reports a missing ftps_state; on the web apps, writing the default down is a
#   safe fix.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps
# custom:
#   id: azure-app-service-ftp-allowed
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_78]
package converge.rules.terraform.azure_app_service_ftp_allowed

import rego.v1

import data.converge.lib.appservice

# The values checkov accepts (case-sensitive, as the provider validates them).
accepted := {"Disabled", "FtpsOnly"}

findings contains f if {
	some app in appservice.all_web_apps
	not appservice.generated(app.body, "site_config")
	v := appservice.block_value(app.body, "site_config", "ftps_state")
	not v in accepted
	not appservice.unknown(v)
	c := ftp_case(app.kind, v)
	f := {
		"msg": message(app, c, v),
		"route": appservice.block_route(app, "site_config", "ftps_state"),
		"case": c,
	}
}

# A web app that does not set ftps_state already runs with the provider default, "Disabled".
ftp_case(kind, v) := "provider_default" if {
	kind != "azurerm_app_service"
	v == null
} else := "allowed"

message(app, "provider_default", _) := sprintf(`%s.%s does not write down site_config.ftps_state (the provider default, "Disabled", applies)`, [app.kind, app.name])

message(app, "allowed", v) := sprintf("%s.%s allows plain FTP deployments: site_config.ftps_state %s", [app.kind, app.name, appservice.describe(v)])
