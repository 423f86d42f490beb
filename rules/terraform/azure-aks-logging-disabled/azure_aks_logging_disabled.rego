# METADATA
# title: AKS cluster does not send container logs to Azure Monitor
# description: |
#   Without the monitoring add-on (oms_agent, Container insights), container logs and node and
#   pod metrics stay on the nodes and disappear with them, which leaves nothing to investigate an
#   incident with. azurerm 3.x and later configure it with
#   oms_agent { log_analytics_workspace_id }; azurerm 2.x with addon_profile { oms_agent }.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-monitor/containers/kubernetes-monitoring-enable
# custom:
#   id: azure-aks-logging-disabled
#   target: terraform
#   severity: medium
#   checkov: [CKV_AZURE_4]
package converge.rules.terraform.azure_aks_logging_disabled

import rego.v1

import data.converge.lib.azure
import data.converge.lib.terraform as tf

# azurerm 2.x: addon_profile { oms_agent { enabled } } decides when it is written (checkov reads
# it first).
legacy_agent(body) := agent if {
	is_array(body.addon_profile)
	is_array(body.addon_profile[0].oms_agent)
	agent := body.addon_profile[0].oms_agent[0]
	is_object(agent)
	"enabled" in object.keys(agent)
}

# azurerm 3.x and later: any workspace ID (checkov accepts any value).
workspace(body) if {
	is_array(body.oms_agent)
	"log_analytics_workspace_id" in object.keys(body.oms_agent[0])
}

unknown(body) if azure.has_dynamic(body, "oms_agent")

unknown(body) if azure.has_dynamic(body, "addon_profile")

unknown(body) if {
	is_array(body.addon_profile)
	azure.has_dynamic(body.addon_profile[0], "oms_agent")
}

findings contains f if {
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	agent := legacy_agent(c.body)
	tf.bool_not_true(agent, "enabled")
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s turns the oms_agent add-on off: container logs are not collected", [c.name]),
		"route": array.concat(c.route, ["addon_profile", 0, "oms_agent", 0, "enabled"]),
	}
}

findings contains f if {
	some c in tf.live_resources("azurerm_kubernetes_cluster")
	not legacy_agent(c.body)
	not workspace(c.body)
	not unknown(c.body)
	f := {
		"msg": sprintf("azurerm_kubernetes_cluster.%s has no oms_agent: container logs are not sent to Azure Monitor", [c.name]),
		"route": array.concat(c.route, ["oms_agent", 0, "log_analytics_workspace_id"]),
	}
}
